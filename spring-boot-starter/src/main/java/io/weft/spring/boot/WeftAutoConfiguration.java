package io.weft.spring.boot;

import io.weft.ClientFilter;
import io.weft.ServerInterceptor;
import io.weft.Weft;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of one {@link Weft} from the {@code weft.*} properties of the application's
 * {@link Environment}, with the application's {@link ClientFilter} and {@link ServerInterceptor} beans (in
 * {@code @Order}); {@link WeftService} beans are exported when the context starts, {@link WeftReference} fields
 * and constructor parameters receive stubs, and the Actuator health indicator {@code weft} is added when Actuator
 * is present. See docs/spring-boot.md.
 */
@AutoConfiguration
@ConditionalOnClass(Weft.class)
public class WeftAutoConfiguration {

    /** The application's Weft; closed by {@link WeftExports} when the context stops (the destroy method is the fallback). */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public Weft weft(Environment environment, ObjectProvider<ClientFilter> clientFilters,
                     ObjectProvider<ServerInterceptor> serverInterceptors) {
        Weft.Builder builder = Weft.builder(SpringWeftConfig.from(environment));
        clientFilters.orderedStream().forEach(builder::clientFilter);
        serverInterceptors.orderedStream().forEach(builder::serverInterceptor);
        return builder.build();
    }

    @Bean
    static WeftReferences weftReferences(BeanFactory beanFactory) {
        return new WeftReferences(beanFactory);
    }

    @Bean
    static WeftReferenceFields weftReferenceFields(BeanFactory beanFactory) {
        return new WeftReferenceFields(beanFactory);
    }

    @Bean
    static WeftReferenceParameters weftReferenceParameters() {
        return new WeftReferenceParameters();
    }

    @Bean
    WeftExports weftExports(Weft weft, ListableBeanFactory beanFactory, Environment environment) {
        return new WeftExports(weft, beanFactory, environment);
    }

    /** The Actuator health indicator {@code weft} (bean {@code weftHealthIndicator}). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    @ConditionalOnEnabledHealthIndicator("weft")
    static class WeftHealthConfiguration {
        @Bean
        @ConditionalOnMissingBean(name = "weftHealthIndicator")
        HealthIndicator weftHealthIndicator(Weft weft, WeftExports exports) {
            return new WeftHealthIndicator(weft, exports);
        }
    }
}
