package io.weft.it;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** REQUEST frames written byte by byte as DESIGN §4 lays them out, without the framework's own encoder. */
final class RequestBytes {
    private RequestBytes() {}

    /**
     * A REQUEST frame.
     *
     * @param serialization the body's serialization id (1 Hessian 2, 2 JSON)
     * @param metadata the entries, in the order given
     */
    static byte[] request(long id, int serialization, Map<String, String> metadata, byte[] body) throws IOException {
        ByteArrayOutputStream meta = new ByteArrayOutputStream();
        DataOutputStream m = new DataOutputStream(meta);
        m.writeShort(metadata.size());
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            byte[] k = e.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] v = e.getValue().getBytes(StandardCharsets.UTF_8);
            m.writeShort(k.length);
            m.write(k);
            m.writeInt(v.length);
            m.write(v);
        }
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        DataOutputStream f = new DataOutputStream(frame);
        f.writeShort(0x5746); // magic "WF"
        f.writeByte(1); // version
        f.writeByte(1); // REQUEST
        f.writeByte(0); // flags
        f.writeByte(serialization);
        f.writeShort(0); // status
        f.writeLong(id);
        f.writeInt(meta.size());
        f.writeInt(body.length);
        meta.writeTo(f);
        f.write(body);
        return frame.toByteArray();
    }
}
