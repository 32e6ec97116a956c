package nl.wams.gateway.api;

import java.util.List;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.ConstructorArgumentValues;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;

/**
 * Takes out the filter Spring Security puts in front of every security chain whenever Spring MVC
 * is present: it asks Spring MVC's handler mappings which handler would take the request and keeps
 * the answer for the request's duration, for matchers and CORS sources that ask Spring MVC. The
 * gateway has none of those (its chains match paths as patterns, see {@link
 * ApiSecurityConfiguration}, and it configures no CORS), so the lookup was work on every request
 * that nobody read: 7.5 % of a request thread's time in a profile of the warm H2 gateway, on top of
 * the lookup Spring MVC's dispatcher does anyway. Spring Security 7 no longer installs the filter.
 *
 * <p>Spring Security wraps its filter chain bean in a composite of that filter and the chain; this
 * post-processor, which runs after Spring Security's own, puts the chain back. Where the
 * definition does not have that shape (another Spring Security version), it leaves it as it is;
 * {@code BadRequestsIT} checks which one the gateway runs with.
 */
final class WithoutHandlerLookupPerRequest implements BeanFactoryPostProcessor {

    static final String CHAIN = "springSecurityFilterChain";
    static final String COMPOSITE =
            "org.springframework.security.config.annotation.web.configuration.WebMvcSecurityConfiguration$CompositeFilterChainProxy";
    static final String CACHE_FILTER =
            "org.springframework.security.config.annotation.web.configuration.WebMvcSecurityConfiguration$HandlerMappingIntrospectorCacheFilterFactoryBean";

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory factory) {
        if (!(factory instanceof BeanDefinitionRegistry registry) || !registry.containsBeanDefinition(CHAIN)) {
            return;
        }
        BeanDefinition composite = registry.getBeanDefinition(CHAIN);
        if (!COMPOSITE.equals(composite.getBeanClassName())) {
            return;
        }
        ConstructorArgumentValues.ValueHolder argument =
                composite.getConstructorArgumentValues().getIndexedArgumentValue(0, List.class);
        if (argument == null
                || !(argument.getValue() instanceof List<?> filters)
                || filters.size() != 2
                || !(filters.get(0) instanceof BeanDefinition cache)
                || !CACHE_FILTER.equals(cache.getBeanClassName())
                || !(filters.get(1) instanceof BeanDefinition chain)) {
            return;
        }
        registry.removeBeanDefinition(CHAIN);
        registry.registerBeanDefinition(CHAIN, chain);
    }
}
