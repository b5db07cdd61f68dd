package io.weft.internal.serialization;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Hand-made Hessian 2 bytes that name arbitrary classes, built byte by byte so that the classes
 * need not (and must not) be on the class path. For tests of the allow-list, here and in other
 * modules' integration tests (e.g. as the body of a REQUEST frame).
 */
public final class GadgetFrames {

    private GadgetFrames() {
    }

    /**
     * An argument array ({@code Object[]} of length 1, as hessian-lite writes it) whose element is
     * an object of class {@code className} with one field {@code value = null}: {@code 0x71
     * "[object"}, then an object definition {@code 'C' className 1 "value"}, then the instance
     * {@code 0x60 'N'}.
     */
    public static byte[] hessianObject(String className) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x71); // fixed-length typed list, length 1
        writeString(out, "[object");
        writeObjectDefinition(out, className);
        out.write(0x60); // instance of definition 0
        out.write('N'); // value = null
        return out.toByteArray();
    }

    /** A bare object of class {@code className} (not inside an argument array). */
    public static byte[] bareObject(String className) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeObjectDefinition(out, className);
        out.write(0x60);
        out.write('N');
        return out.toByteArray();
    }

    /** A typed map {@code 'M' className "k" "v" 'Z'}. */
    public static byte[] typedMap(String className) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('M');
        writeString(out, className);
        writeString(out, "k");
        writeString(out, "v");
        out.write('Z');
        return out.toByteArray();
    }

    /** A typed fixed-length list {@code 'V' className 1 "v"}. */
    public static byte[] typedList(String className) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('V');
        writeString(out, className);
        out.write(0x91); // length 1
        writeString(out, "v");
        return out.toByteArray();
    }

    /** A {@code java.lang.Class} value naming {@code className}. */
    public static byte[] classValue(String className) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('C');
        writeString(out, "java.lang.Class");
        out.write(0x91);
        writeString(out, "name");
        out.write(0x60);
        writeString(out, className);
        return out.toByteArray();
    }

    private static void writeObjectDefinition(ByteArrayOutputStream out, String className) {
        out.write('C');
        writeString(out, className);
        out.write(0x91); // one field
        writeString(out, "value");
    }

    /** Hessian 2 string of at most 65535 chars (names here are ASCII, so chars == bytes). */
    static void writeString(ByteArrayOutputStream out, String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        int length = value.length();
        if (length < 32) {
            out.write(length);
        } else if (length < 1024) {
            out.write(0x30 + (length >> 8));
            out.write(length & 0xff);
        } else {
            out.write('S');
            out.write(length >> 8);
            out.write(length & 0xff);
        }
        out.write(utf8, 0, utf8.length);
    }
}
