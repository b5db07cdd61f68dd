package io.weft.internal.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alibaba.com.caucho.hessian.io.Hessian2Input;
import io.weft.internal.serialization.fixture.TripwireState;
import io.weft.internal.serialization.fixture.api.GreeterApi;
import io.weft.internal.serialization.fixture.api.Person;
import io.weft.internal.serialization.fixture.refused.Unlisted;
import io.weft.spi.SerializationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Hessian2SerializationAllowListTest extends Hessian2Fixture {
    Hessian2SerializationAllowListTest() {
        super(false); // tests allow the fixture API themselves, or prove it is refused
    }


    private static final String TRIPWIRE = "io.weft.internal.serialization.fixture.refused.Tripwire";

    @Test
    void refusesClassOutsideTheAllowListWithMessageNamingIt() throws IOException {
        byte[] bytes = write(new Unlisted());

        assertThatThrownBy(() -> read(bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessage("class " + Unlisted.class.getName() + " is not allowed for deserialization"
                        + " (add its package to weft.serialization.allow to permit it)");
    }

    @Test
    void refusesUnlistedClassWithoutLoadingOrInitializingIt() {
        assertRefusedWithoutLoading(TRIPWIRE);
        assertThat(TripwireState.initialized).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "com.rometools.rome.feed.impl.EqualsBean",
        "org.springframework.aop.support.DefaultBeanFactoryPointcutAdvisor",
        "com.sun.rowset.JdbcRowSetImpl",
        "com.sun.org.apache.xalan.internal.xsltc.trax.TemplatesImpl",
        "org.apache.xbean.naming.context.ContextUtil$ReadOnlyBinding",
        "com.caucho.naming.QName",
        "javax.naming.spi.ContinuationContext",
        "java.lang.ProcessBuilder",
        "sun.print.UnixPrintServiceLookup",
    })
    void refusesPublishedGadgetClassesWithoutLoadingThem(String gadget) {
        assertRefusedWithoutLoading(gadget);
    }

    /** An object of class {@code name} is refused, naming it, and the class is never asked of the class loader. */
    private void assertRefusedWithoutLoading(String name) {
        RecordingClassLoader loader = new RecordingClassLoader(getClass().getClassLoader());
        Hessian2Serialization withRecordingLoader = constructWithContextLoader(loader);

        assertThatThrownBy(() -> withRecordingLoader.read(new ByteArrayInputStream(GadgetFrames.hessianObject(name))))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("class " + name + " is not allowed for deserialization");
        assertThat(loader.requested).doesNotContain(name);
    }

    @Test
    void denyListWinsOverConfiguredPrefixes() {
        Hessian2Serialization permissive = new Hessian2Serialization(
                List.of("com.sun.", "org.springframework.", "java.lang."));

        for (String gadget : List.of("com.sun.rowset.JdbcRowSetImpl",
                "org.springframework.aop.support.DefaultBeanFactoryPointcutAdvisor",
                "java.lang.Runtime", "java.lang.ProcessBuilder$Redirect")) {
            assertThatThrownBy(() -> permissive.read(
                    new ByteArrayInputStream(GadgetFrames.bareObject(gadget))))
                    .isInstanceOf(SerializationException.class)
                    .hasMessage("class " + gadget + " is not allowed for deserialization"
                            + " (it matches the deny-list of known gadget classes)");
        }
    }

    @Test
    void refusesGadgetNamesOnEveryPathThatTurnsANameIntoAClass() {
        String gadget = "com.sun.rowset.JdbcRowSetImpl";
        Map<String, byte[]> paths = Map.of(
                "object definition", GadgetFrames.bareObject(gadget),
                "typed map", GadgetFrames.typedMap(gadget),
                "typed list", GadgetFrames.typedList(gadget),
                "array element type", GadgetFrames.typedList("[" + gadget),
                "nested array element type", GadgetFrames.typedList("[[" + gadget),
                "java.lang.Class value", GadgetFrames.classValue(gadget));
        paths.forEach((path, bytes) -> assertThatThrownBy(() -> read(bytes))
                .as(path)
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("class " + gadget + " is not allowed for deserialization"));
    }

    @Test
    void refusesClassValuesNamingUnlistedClasses() {
        assertThatThrownBy(() -> read(GadgetFrames.classValue("java.lang.Runtime")))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("java.lang.Runtime");
        assertThatThrownBy(() -> read(GadgetFrames.classValue(TRIPWIRE)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(TRIPWIRE);
        assertThat(TripwireState.initialized).isFalse();
    }

    @Test
    void refusesGadgetNestedInsideAdmittedValues() throws IOException {
        serialization.allowPackageOf(GreeterApi.class);
        byte[] inPojoField = write(new Person("p", 1, new Unlisted()));
        byte[] inMapValue = write(Map.of("k", new Unlisted()));
        byte[] inMapKey = write(Map.of(new Unlisted(), "v"));
        byte[] inList = write(List.of(1, new Unlisted()));

        for (byte[] bytes : List.of(inPojoField, inMapValue, inMapKey, inList)) {
            assertThatThrownBy(() -> read(bytes))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageStartingWith("class " + Unlisted.class.getName() + " is not allowed");
        }
    }

    @Test
    void admitsConfiguredPrefixes() throws IOException {
        Hessian2Serialization configured = new Hessian2Serialization(
                List.of(" io.weft.internal.serialization.fixture.refused.Unlisted ", ""));

        Object back = configured.read(new ByteArrayInputStream(write(new Unlisted())));

        assertThat(back).isInstanceOf(Unlisted.class);
    }

    @Test
    void allowPackageOfAdmitsTheInterfacePackageFromThenOn() throws IOException {
        byte[] bytes = write(new Person("late", 9, null));
        assertThatThrownBy(() -> read(bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(Person.class.getName());

        serialization.allowPackageOf(GreeterApi.class);

        assertThat(read(bytes)).isEqualTo(new Person("late", 9, null));
    }

    /** A service whose signatures reach a nested record graph, a sealed hierarchy and generics. */
    interface Canvas {
        io.weft.internal.serialization.fixture.api.Drawing draw(
                List<? extends io.weft.internal.serialization.fixture.api.Shape> shapes) throws IOException;
    }

    @Test
    void allowTypesOfAdmitsTheTypesReachableFromTheSignaturesButNotTheRestOfTheirPackage() throws IOException {
        var point = new io.weft.internal.serialization.fixture.api.Point(1, 2);
        var circle = new io.weft.internal.serialization.fixture.api.Shape.Circle(point, 3);
        var account = new io.weft.internal.serialization.fixture.api.Account("a", 1, true, 2, 0.5, "o");
        byte[] circleBytes = write(circle);
        byte[] accountBytes = write(account);
        byte[] personBytes = write(new Person("p", 1, null));

        serialization.allowTypesOf(Canvas.class);

        assertThat(read(circleBytes)).isEqualTo(circle); // permitted subclass of a sealed parameter type
        assertThatThrownBy(() -> read(accountBytes)) // same package as Drawing, reachable from nothing
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(io.weft.internal.serialization.fixture.api.Account.class.getName());
        assertThatThrownBy(() -> read(personBytes)).hasMessageContaining(Person.class.getName());

        serialization.allowTypesOf(GreeterApi.class);

        assertThat(read(personBytes)).isEqualTo(new Person("p", 1, null));
        assertThatThrownBy(() -> read(accountBytes)).isInstanceOf(SerializationException.class);
    }

    @Test
    void reachableTypesFollowFieldsRecordComponentsGenericsAndSealedSubclasses() {
        assertThat(ReachableTypes.of(Canvas.class)).containsExactlyInAnyOrder(
                io.weft.internal.serialization.fixture.api.Drawing.class.getName(),
                io.weft.internal.serialization.fixture.api.Shape.class.getName(),
                io.weft.internal.serialization.fixture.api.Shape.Circle.class.getName(),
                io.weft.internal.serialization.fixture.api.Shape.Polygon.class.getName(),
                io.weft.internal.serialization.fixture.api.Point.class.getName());
    }

    @Test
    void allowPackageOfRefusesTheUnnamedPackageAndIgnoresJdkPackages() throws Exception {
        Class<?> unnamed = Class.forName("UnnamedPackageApi");
        assertThatThrownBy(() -> serialization.allowPackageOf(unnamed))
                .isInstanceOf(IllegalArgumentException.class);

        serialization.allowPackageOf(Runnable.class); // java.lang: must not admit java.lang.*
        assertThatThrownBy(() -> read(GadgetFrames.bareObject("java.lang.StringBuffer")))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> read(GadgetFrames.bareObject("java.lang.Module")))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("java.lang.Module");
    }

    @Test
    void reportsAdmittedButMissingClassInsteadOfDecodingAHashMap() {
        assertThatThrownBy(() -> read(GadgetFrames.bareObject("java.time.NoSuchThing")))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("java.time.NoSuchThing")
                .hasMessageContaining("cannot be loaded");
    }

    @Test
    void decodesUntypedMapsAndLists() throws IOException {
        byte[] untypedMap = {'H', 0x01, 'k', 0x01, 'v', 'Z'};
        byte[] untypedLengthList = {0x58, (byte) 0x92, (byte) 0x91, (byte) 0x92};
        byte[] untypedFixedList = {0x7a, (byte) 0x91, (byte) 0x92};
        byte[] emptyTypeNameMap = {'M', 0x00, 0x01, 'k', 0x01, 'v', 'Z'};

        assertThat(read(untypedMap)).isEqualTo(Map.of("k", "v"));
        assertThat(read(untypedLengthList)).isEqualTo(List.of(1, 2));
        assertThat(read(untypedFixedList)).isEqualTo(List.of(1, 2));
        assertThat(read(emptyTypeNameMap)).isEqualTo(Map.of("k", "v"));
    }

    /** Why the factory replaces hessian-lite's name resolution instead of configuring it. */
    @Test
    void hessianLiteDefaultSilentlyDecodesDeniedClassAsHashMap() throws IOException {
        Hessian2Input plain = new Hessian2Input(new ByteArrayInputStream(
                GadgetFrames.bareObject("com.sun.rowset.JdbcRowSetImpl")));

        assertThat(plain.readObject()).isInstanceOf(Map.class);
    }

    @Test
    void admitsPackagesConcurrentlyWhileReading() throws Exception {
        serialization.allowPackageOf(GreeterApi.class);
        byte[] person = write(new Person("c", 1, List.of(1)));
        List<Thread> threads = new java.util.ArrayList<>();
        Set<Throwable> failures = ConcurrentHashMap.newKeySet();
        for (int t = 0; t < 8; t++) {
            Thread thread = new Thread(() -> {
                try {
                    for (int i = 0; i < 500; i++) {
                        serialization.allowPackageOf(i % 2 == 0 ? GreeterApi.class : Unlisted.class);
                        assertThat(read(person)).isEqualTo(new Person("c", 1, List.of(1)));
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(failures).isEmpty();
        assertThat(read(write(new Unlisted()))).isInstanceOf(Unlisted.class);
    }

    private Hessian2Serialization constructWithContextLoader(ClassLoader loader) {
        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        current.setContextClassLoader(loader);
        try {
            return new Hessian2Serialization(List.of());
        } finally {
            current.setContextClassLoader(previous);
        }
    }

    /** Delegates to its parent and records every class name it is asked for. */
    static final class RecordingClassLoader extends ClassLoader {
        final Set<String> requested = ConcurrentHashMap.newKeySet();

        RecordingClassLoader(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            requested.add(name);
            return super.loadClass(name, resolve);
        }
    }
}
