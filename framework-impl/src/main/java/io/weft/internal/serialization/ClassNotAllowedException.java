package io.weft.internal.serialization;

/**
 * Thrown inside hessian-lite when the stream names a class the allow-list refuses, or one that
 * cannot be resolved. Unchecked so that no hessian-lite {@code catch (IOException)} can swallow it;
 * {@link Hessian2Serialization#read} finds it in the cause chain and reports it as a {@link
 * io.weft.spi.SerializationException} with the same message.
 */
final class ClassNotAllowedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String className;

    ClassNotAllowedException(String className, String message) {
        super(message, null, false, false);
        this.className = className;
    }

    /** The refused class name, as it appeared in the stream (array markers removed). */
    String className() {
        return className;
    }
}
