package io.weft.spring.boot;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.PropertyValues;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.InstantiationAwareBeanPostProcessor;
import org.springframework.util.ReflectionUtils;

/** Sets {@link WeftReference} fields, before the bean's own initialisation ({@code @PostConstruct}) runs. */
final class WeftReferenceFields implements InstantiationAwareBeanPostProcessor {
    private final BeanFactory beanFactory;
    private volatile WeftReferences references;

    WeftReferenceFields(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public PropertyValues postProcessProperties(PropertyValues pvs, Object bean, String beanName) {
        ReflectionUtils.doWithFields(AopUtils.getTargetClass(bean), field -> inject(bean, beanName, field),
                field -> field.isAnnotationPresent(WeftReference.class));
        return pvs;
    }

    private void inject(Object bean, String beanName, Field field) {
        if (Modifier.isStatic(field.getModifiers())) {
            throw new BeanCreationException(beanName, "@WeftReference on static field " + field + " is not supported");
        }
        Object stub;
        try {
            stub = references().stub(field.getType(), field.getAnnotation(WeftReference.class), field);
        } catch (RuntimeException e) {
            throw new BeanCreationException(beanName, e.getMessage(), e);
        }
        ReflectionUtils.makeAccessible(field);
        ReflectionUtils.setField(field, bean, stub);
    }

    private WeftReferences references() {
        WeftReferences r = references;
        if (r == null) {
            r = beanFactory.getBean(WeftReferences.class);
            references = r;
        }
        return r;
    }
}
