package io.weft.internal.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alibaba.com.caucho.hessian.io.Hessian2Output;
import io.weft.internal.serialization.fixture.api.Account;
import io.weft.spi.SerializationException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A record read where the writer had another version of the class: the stream's object
 * definition ({@code C}) lists the writer's components, written here by hand with hessian-lite's
 * low-level calls, exactly as a writer with that class version would.
 */
class RecordEvolutionTest extends Hessian2Fixture {

    private static final String ACCOUNT = Account.class.getName();

    @Test
    void componentsTheWriterDidNotHaveDefaultToNullZeroAndFalse() throws IOException {
        // Writer's version: record Account(String id, long balance)
        byte[] bytes = objects(List.of("id", "balance"), List.of(List.of("a-1", 100L)));

        assertThat(read(bytes)).isEqualTo(new Account("a-1", 100L, false, 0, 0.0, null));
    }

    @Test
    void componentsTheReaderDoesNotHaveAreSkippedWhateverTheirValue() throws IOException {
        // Writer's version has a component more: String region, holding a nested list.
        byte[] bytes = objects(List.of("id", "region", "balance", "active", "tier", "rate", "owner"),
                List.of(List.of("a-2", List.of("eu", List.of(1, 2)), 5L, true, 3, 0.5, "ann")));

        assertThat(read(bytes)).isEqualTo(new Account("a-2", 5L, true, 3, 0.5, "ann"));
    }

    @Test
    void componentsMayArriveInAnyOrderAndTheDefinitionServesEveryInstance() throws IOException {
        byte[] bytes = objects(List.of("owner", "tier", "id"),
                List.of(List.of("bo", 1, "x"), List.of("cy", 2, "y")));

        Object[] back = (Object[]) read(bytes);

        assertThat(back).containsExactly(
                new Account("x", 0L, false, 1, 0.0, "bo"), new Account("y", 0L, false, 2, 0.0, "cy"));
    }

    @Test
    void nullForAPrimitiveComponentReadsAsItsDefault() throws IOException {
        byte[] bytes = objects(List.of("id", "balance"), List.of(java.util.Arrays.asList("z", null)));

        assertThat(read(bytes)).isEqualTo(new Account("z", 0L, false, 0, 0.0, null));
    }

    @Test
    void aComponentWhoseTypeChangedIncompatiblyIsRefusedNamingTheRecord() throws IOException {
        byte[] bytes = objects(List.of("id", "balance"), List.of(List.of("z", "not a number")));

        assertThatThrownBy(() -> read(bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Account");
    }

    /**
     * One {@code Account} object definition with {@code fieldNames}, then one instance per entry of
     * {@code instances} (a single value if there is one, else an untyped {@code Object[]}).
     */
    private static byte[] objects(List<String> fieldNames, List<List<Object>> instances)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Hessian2Output out = new Hessian2Output(bytes);
        if (instances.size() > 1) {
            out.writeListBegin(instances.size(), "[object");
        }
        for (List<Object> values : instances) {
            if (out.writeObjectBegin(ACCOUNT) == -1) { // 'C', name, field count, field names
                out.writeClassFieldLength(fieldNames.size());
                for (String name : fieldNames) {
                    out.writeString(name);
                }
                out.writeObjectBegin(ACCOUNT); // 'O' / 0x60+ref: the instance follows
            }
            for (Object value : values) {
                out.writeObject(value);
            }
        }
        out.flush();
        return bytes.toByteArray();
    }
}
