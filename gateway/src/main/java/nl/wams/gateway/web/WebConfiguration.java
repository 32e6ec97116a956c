package nl.wams.gateway.web;

import java.time.Duration;
import nl.wams.gateway.config.LoadedConfig;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The web interface's own files (style sheet, scripts, htmx from its webjar: no CDN), served only
 * when the gateway has a web interface; other paths stay 404 problems.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    private final LoadedConfig config;

    WebConfiguration(LoadedConfig config) {
        this.config = config;
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        if (config.gateway().web() == null) {
            return;
        }
        CacheControl cache = CacheControl.maxAge(Duration.ofHours(1)).cachePublic();
        registry.addResourceHandler("/css/**")
                .addResourceLocations("classpath:/web/css/")
                .setCacheControl(cache);
        registry.addResourceHandler("/js/**")
                .addResourceLocations("classpath:/web/js/")
                .setCacheControl(cache);
        registry.addResourceHandler("/webjars/htmx/**")
                .addResourceLocations("classpath:/META-INF/resources/webjars/htmx.org/2.0.4/dist/")
                .setCacheControl(cache);
    }
}
