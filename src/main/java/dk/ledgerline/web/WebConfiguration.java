package dk.ledgerline.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Settings that belong to the pages, not to the API. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    /**
     * Pages carry one-time idempotency keys and a tenant's figures: a cached copy would resubmit an
     * old key (and be answered with the old result) or show one user's books after another logged in.
     */
    private static final HandlerInterceptor NO_STORE = new HandlerInterceptor() {
        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
            response.setHeader("Cache-Control", "no-store");
            return true;
        }
    };

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(NO_STORE).addPathPatterns("/", "/login", "/signup", "/logout", "/companies", "/companies/**");
    }
}
