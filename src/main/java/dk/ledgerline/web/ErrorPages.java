package dk.ledgerline.web;

import dk.ledgerline.ops.RequestIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.ModelAndView;

/**
 * The page a browser sees on /error: after the tenant filter's plain 404, or any error the servlet
 * container handles. Only for browsers asking for HTML; API clients keep Spring's JSON error body.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ErrorPages implements ErrorViewResolver {

    @Override
    public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
        int code = status.value();
        // The request id filter has finished by the time the container dispatches to /error; its header stays on the response.
        String requestId = code >= 500 ? requestId() : null;
        Failure failure = code == 404 ? Failure.saying("label.failure.notFound") : null;
        ProblemPage page = new ProblemPage(Frames.anonymous(ProblemPage.heading(code)), code, ProblemPage.heading(code), failure, requestId, "/");
        return Pages.render("problem", page, code);
    }

    private static String requestId() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes && attributes.getResponse() != null) {
            return attributes.getResponse().getHeader(RequestIdFilter.HEADER);
        }
        return null;
    }
}
