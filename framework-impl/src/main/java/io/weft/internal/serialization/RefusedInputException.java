package io.weft.internal.serialization;

/**
 * Thrown inside hessian-lite when the input is refused rather than merely malformed: it names a
 * class the allow-list refuses or that cannot be resolved, or it announces more elements than the
 * input can hold. Unchecked so that no hessian-lite {@code catch (IOException)} can swallow it;
 * {@link Hessian2Serialization#read} finds it in the cause chain and reports it as a {@link
 * io.weft.spi.SerializationException} with the same message.
 */
final class RefusedInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RefusedInputException(String message) {
        super(message, null, false, false);
    }
}
