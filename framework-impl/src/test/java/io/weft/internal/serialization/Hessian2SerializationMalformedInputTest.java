package io.weft.internal.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.weft.internal.serialization.fixture.api.Greeting;
import io.weft.internal.serialization.fixture.api.Mood;
import io.weft.internal.serialization.fixture.api.Person;
import io.weft.spi.SerializationException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Hessian2SerializationMalformedInputTest extends Hessian2Fixture {

    @Test
    void rejectsEmptyInput() {
        assertThatThrownBy(() -> read(new byte[0])).isInstanceOf(SerializationException.class);
    }

    @Test
    void rejectsGarbage() {
        List<byte[]> garbage = List.of(
                new byte[] {0x40}, // reserved code
                new byte[] {0x51, (byte) 0x90}, // back-reference to a value that does not exist
                new byte[] {0x60, 'N'}, // instance of an object definition that was never sent
                new byte[] {'C', 0x01, 'x', (byte) 0x91}, // definition cut short
                "GET / HTTP/1.1\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        for (byte[] bytes : garbage) {
            assertThatThrownBy(() -> read(bytes))
                    .as(Arrays.toString(bytes))
                    .isInstanceOf(SerializationException.class);
        }
    }

    @Test
    void rejectsEveryTruncationOfAValidValue() throws IOException {
        byte[] whole = write(new Object[] {
            "text", 123_456_789L, 3.25d, Map.of("k", List.of(1, 2)),
            new Greeting("hi", 1, List.of("t"), Mood.HAPPY), new Person("p", 2, "x".repeat(300)),
        });
        for (int length = 0; length < whole.length; length++) {
            byte[] truncated = Arrays.copyOf(whole, length);
            assertThatThrownBy(() -> read(truncated))
                    .as("first %d of %d bytes", truncated.length, whole.length)
                    .isInstanceOf(SerializationException.class);
        }
    }

    @Test
    void randomBytesEitherDecodeOrFailWithSerializationException() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[1 + random.nextInt(64)];
            random.nextBytes(bytes);
            Throwable failure = catchThrowable(() -> read(bytes));
            if (failure != null) {
                assertThat(failure).as(Arrays.toString(bytes)).isInstanceOf(SerializationException.class);
            }
        }
    }

    @Test
    void refusesAnnouncedLengthsTheInputCannotHoldBeforeAllocating() {
        byte[] hugeLength = {'I', 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xf0};
        List<byte[]> inputs = List.of(
                concat(new byte[] {'V', 0x04, '[', 'i', 'n', 't'}, hugeLength), // int[]
                concat(new byte[] {'V', 0x07, '[', 'o', 'b', 'j', 'e', 'c', 't'}, hugeLength),
                concat(new byte[] {0x58}, hugeLength), // untyped list
                concat(concat(new byte[] {'C', 0x0e}, "java.util.UUID".getBytes(
                        java.nio.charset.StandardCharsets.US_ASCII)), hugeLength)); // 2^31 fields
        for (byte[] bytes : inputs) {
            assertThatThrownBy(() -> read(bytes))
                    .as(Arrays.toString(bytes))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("more than the input can hold");
        }
    }

    @Test
    void decodesLargeArraysThatTheInputDoesHold() throws IOException {
        int[] large = new int[300_000];
        Arrays.setAll(large, i -> i * 7);
        Object[] objects = new Object[100_000];
        Arrays.fill(objects, "s");

        assertThat((int[]) read(write(large))).isEqualTo(large);
        assertThat((Object[]) read(write(objects))).isEqualTo(objects);
    }

    @Test
    void rejectsInputThatNestsTooDeeply() {
        byte[] nested = new byte[2_000_000];
        Arrays.fill(nested, (byte) 0x57); // untyped variable-length list, over and over

        assertThatThrownBy(() -> read(nested))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("nests too deeply");
    }

    @Test
    void sameInstanceWorksAgainAfterRefusedAndFailedReads() throws IOException {
        Person person = new Person("again", 5, List.of(Map.of("k", 1)));
        byte[] valid = write(new Object[] {person, person});

        assertThatThrownBy(() -> read(GadgetFrames.hessianObject("com.sun.rowset.JdbcRowSetImpl")))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> read(Arrays.copyOf(valid, valid.length - 3)))
                .isInstanceOf(SerializationException.class);

        Object[] back = (Object[]) read(valid);
        assertThat(back).containsExactly(person, person);
        assertThat(back[0]).isSameAs(back[1]);
    }

    @Test
    void doesNotCarryObjectDefinitionsOrReferencesIntoTheNextRead() throws IOException {
        byte[] definesPerson = write(new Person("d", 1, null));
        byte[] instanceWithoutDefinition = {0x60, 0x01, 'x', (byte) 0x91, 'N'};
        byte[] backReference = {0x51, (byte) 0x90};

        read(definesPerson);
        assertThatThrownBy(() -> read(instanceWithoutDefinition))
                .isInstanceOf(SerializationException.class);
        read(definesPerson);
        assertThatThrownBy(() -> read(backReference)).isInstanceOf(SerializationException.class);
        // a failure after the definition was registered
        byte[] definitionThenGarbage = Arrays.copyOf(definesPerson, definesPerson.length + 1);
        definitionThenGarbage[definitionThenGarbage.length - 1] = 0x40;
        assertThat(read(definitionThenGarbage)).isEqualTo(new Person("d", 1, null));
        assertThatThrownBy(() -> read(instanceWithoutDefinition))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void sameInstanceWritesCleanlyAfterAFailedWrite() throws IOException {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("disk on fire");
            }
        };
        assertThatThrownBy(() -> serialization.write(List.of("x".repeat(20_000)), broken))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("disk on fire");

        byte[] afterFailure = write("ok");
        assertThat(afterFailure).containsExactly(0x02, 'o', 'k');
    }

    private static byte[] concat(byte[] head, byte[] tail) {
        byte[] all = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }
}
