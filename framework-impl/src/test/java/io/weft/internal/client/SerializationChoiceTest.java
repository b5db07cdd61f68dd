package io.weft.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.ClusterStrategy;
import io.weft.Status;
import io.weft.internal.serialization.JsonSerialization;
import io.weft.internal.transport.Wire;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which serialization a call uses with a provider: the first of the reference's preference its node lists. */
class SerializationChoiceTest {
    interface Greeter {
        String greet(String name);
    }

    private static final int HESSIAN_ONLY = Serializations.maskOf(List.of("hessian2"));
    private static final int JSON_ONLY = Serializations.maskOf(List.of("json"));
    private static final int BOTH = Serializations.maskOf(List.of("json", "hessian2", "protobuf"));

    private static ClientMethod typed(String... preference) throws NoSuchMethodException {
        return new ClientMethod(Greeter.class.getName(), Greeter.class.getMethod("greet", String.class), false,
                Duration.ofSeconds(1), "web", CallPolicy.DEFAULT, null, JsonSerialization.withDefaults(),
                Serializations.preferenceOf(List.of(preference)));
    }

    @Test
    void typedReferencePrefersHessianAndFallsBackToJsonForJsonOnlyNodes() throws Exception {
        ClientMethod m = typed("hessian2", "json");
        assertThat(m.serializationFor(BOTH)).isEqualTo(Wire.SERIALIZATION_HESSIAN2);
        assertThat(m.serializationFor(HESSIAN_ONLY)).isEqualTo(Wire.SERIALIZATION_HESSIAN2);
        assertThat(m.serializationFor(JSON_ONLY)).isEqualTo(Wire.SERIALIZATION_JSON);
    }

    @Test
    void referenceAskingForJsonUsesJsonWhereverListed() throws Exception {
        ClientMethod m = typed("json", "hessian2");
        assertThat(m.serializationFor(BOTH)).isEqualTo(Wire.SERIALIZATION_JSON);
        assertThat(m.serializationFor(HESSIAN_ONLY)).isEqualTo(Wire.SERIALIZATION_HESSIAN2);
    }

    @Test
    void genericMethodIsJsonOnlyAndNamedByItsName() {
        ClientMethod m = ClientMethod.generic("svc", "greet", List.of("java.lang.String"), Duration.ofSeconds(1),
                "web", new CallPolicy(ClusterStrategy.FAILOVER, false, 0, Set.of(Status.UNAVAILABLE), 3, 2), null,
                JsonSerialization.withDefaults());
        assertThat(m.serializationFor(BOTH)).isEqualTo(Wire.SERIALIZATION_JSON);
        assertThat(m.name()).isEqualTo("greet");
        assertThat(m.method.getName()).isEqualTo("callAsync");
    }

    @Test
    void unknownSerializationNamesAreRefusedAndUnknownNodeEntriesIgnored() {
        assertThatThrownBy(() -> Serializations.preferenceOf(List.of("json", "xml")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'xml'");
        assertThat(Serializations.maskOf(List.of("protobuf"))).isZero();
    }
}
