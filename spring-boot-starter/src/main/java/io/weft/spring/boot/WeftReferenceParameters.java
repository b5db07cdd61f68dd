package io.weft.spring.boot;

import java.lang.annotation.Annotation;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanDefinitionHolder;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.DependencyDescriptor;
import org.springframework.beans.factory.support.AutowireCandidateResolver;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;

/**
 * Resolves constructor (and {@code @Autowired} method) parameters annotated {@link WeftReference}: it wraps the
 * bean factory's {@link AutowireCandidateResolver} and answers such a parameter with its stub before Spring looks
 * for a bean of the parameter's type. No bean per reference is registered, so a stub never becomes an autowiring
 * candidate for plain injection points, and two parameters with different options get different stubs.
 */
final class WeftReferenceParameters implements BeanFactoryPostProcessor {
    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) throws BeansException {
        if (beanFactory instanceof DefaultListableBeanFactory factory
                && !(factory.getAutowireCandidateResolver() instanceof Resolver)) {
            factory.setAutowireCandidateResolver(new Resolver(factory.getAutowireCandidateResolver(), factory));
        }
    }

    private static final class Resolver implements AutowireCandidateResolver {
        private final AutowireCandidateResolver delegate;
        private final DefaultListableBeanFactory factory;

        Resolver(AutowireCandidateResolver delegate, DefaultListableBeanFactory factory) {
            this.delegate = delegate;
            this.factory = factory;
        }

        @Override
        public Object getLazyResolutionProxyIfNecessary(DependencyDescriptor descriptor, String beanName) {
            WeftReference annotation = annotation(descriptor);
            if (annotation == null) {
                return delegate.getLazyResolutionProxyIfNecessary(descriptor, beanName);
            }
            Object where = descriptor.getMethodParameter() != null ? descriptor.getMethodParameter() : descriptor.getField();
            return factory.getBean(WeftReferences.class).stub(descriptor.getDependencyType(), annotation, where);
        }

        private static WeftReference annotation(DependencyDescriptor descriptor) {
            for (Annotation a : descriptor.getAnnotations()) {
                if (a instanceof WeftReference reference) {
                    return reference;
                }
            }
            return null;
        }

        @Override
        public boolean isAutowireCandidate(BeanDefinitionHolder bdHolder, DependencyDescriptor descriptor) {
            return delegate.isAutowireCandidate(bdHolder, descriptor);
        }

        @Override
        public boolean isRequired(DependencyDescriptor descriptor) {
            return delegate.isRequired(descriptor);
        }

        @Override
        public boolean hasQualifier(DependencyDescriptor descriptor) {
            return delegate.hasQualifier(descriptor);
        }

        @Override
        public String getSuggestedName(DependencyDescriptor descriptor) {
            return delegate.getSuggestedName(descriptor);
        }

        @Override
        public Object getSuggestedValue(DependencyDescriptor descriptor) {
            return delegate.getSuggestedValue(descriptor);
        }

        @Override
        public Class<?> getLazyResolutionProxyClass(DependencyDescriptor descriptor, String beanName) {
            return delegate.getLazyResolutionProxyClass(descriptor, beanName);
        }

        @Override
        public AutowireCandidateResolver cloneIfNecessary() {
            return new Resolver(delegate.cloneIfNecessary(), factory);
        }
    }

}
