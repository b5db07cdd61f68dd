package io.weft.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Serializable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.InitializingBean;

class ServiceInterfaceTest {
    interface Other {
    }

    @WeftService
    static class OnlyGreeter implements Greeter, Serializable, InitializingBean {
        @Override
        public String greet(String name) {
            return name;
        }

        @Override
        public void afterPropertiesSet() {
        }
    }

    @WeftService
    static class Two implements Greeter, Other {
        @Override
        public String greet(String name) {
            return name;
        }
    }

    @WeftService(Greeter.class)
    static class TwoNamed extends Two {
    }

    @WeftService(Other.class)
    static class WrongNamed extends OnlyGreeter {
    }

    private static Class<?> inferred(Class<?> type) {
        return WeftExports.serviceInterface("bean", type, type.getAnnotation(WeftService.class));
    }

    @Test
    void theOneApplicationInterfaceIsExportedIgnoringJavaAndSpringOnes() {
        assertThat(inferred(OnlyGreeter.class)).isEqualTo(Greeter.class);
    }

    @Test
    void severalInterfacesMustBeNamedAndTheErrorListsThem() {
        assertThatThrownBy(() -> inferred(Two.class))
                .hasMessageContaining("bean 'bean'")
                .hasMessageContaining(Greeter.class.getName())
                .hasMessageContaining(Other.class.getName());
        assertThat(inferred(TwoNamed.class)).isEqualTo(Greeter.class);
    }

    @Test
    void aNamedInterfaceTheClassDoesNotImplementIsRefused() {
        assertThatThrownBy(() -> inferred(WrongNamed.class)).hasMessageContaining("does not implement");
    }
}
