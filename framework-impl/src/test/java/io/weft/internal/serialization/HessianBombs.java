package io.weft.internal.serialization;

import java.io.ByteArrayOutputStream;

/**
 * Hand-made Hessian 2 argument arrays (an untyped list of one argument) that cost a decoder far
 * more than their size, for tests and for {@code AbuseFigures}.
 */
public final class HessianBombs {
    private HessianBombs() {}

    /**
     * One argument: a map whose only key is M(depth), where M(0) = {} and M(k) = {"a": M(k-1),
     * "b": back-reference to that same M(k-1)}. Hashing the key visits 2^depth maps.
     */
    public static byte[] nestedMapBomb(int depth) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x58); // fixed-length untyped list (the argument array), ref 0
        out.write(0x91); // length 1
        out.write('H'); // the argument: an untyped map, ref 1
        writeLevel(out, depth, 2);
        out.write(0x90); // its value: 0
        out.write('Z');
        return out.toByteArray();
    }

    /** Writes M(level), whose back-reference index is {@code ref}. */
    private static void writeLevel(ByteArrayOutputStream out, int level, int ref) {
        out.write('H');
        if (level > 0) {
            out.write(0x01);
            out.write('a');
            writeLevel(out, level - 1, ref + 1);
            out.write(0x01);
            out.write('b');
            out.write(0x51); // back-reference to M(level - 1)
            writeInt(out, ref + 1);
        }
        out.write('Z');
    }

    private static void writeInt(ByteArrayOutputStream out, int v) {
        if (v >= -16 && v <= 47) {
            out.write(0x90 + v);
        } else {
            out.write(0xc8 + (v >> 8));
            out.write(v & 0xff);
        }
    }

    /** One argument: a map with {@code n} distinct list keys [x, -31x], all of hash code 961. */
    public static byte[] collidingListKeys(int n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x58);
        out.write(0x91);
        out.write('H');
        for (int x = 0; x < n; x++) {
            out.write(0x7a); // fixed-length untyped list of 2 ('x' + length 2, compact form)
            writeFullInt(out, x);
            writeFullInt(out, -31 * x);
            out.write(0x90);
        }
        out.write('Z');
        return out.toByteArray();
    }

    private static void writeFullInt(ByteArrayOutputStream out, int v) {
        out.write('I');
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }

}
