package dk.ledgerline.web;

import dk.ledgerline.identity.CompanyAccess;
import dk.ledgerline.ops.RequestIdFilter;
import dk.ledgerline.shared.ProblemException;
import dk.ledgerline.shared.RetryAfter;
import dk.ledgerline.shared.TransientFailures;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * Every failure of a page handler becomes a page: an expected failure says what and why, a busy
 * database asks to retry, and our own bugs show the request id to quote, never a stack trace.
 * First in order, so the JSON problem handlers never answer a browser's page request.
 */
@ControllerAdvice(basePackages = "dk.ledgerline.web")
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageFailures {
    private static final Logger log = LoggerFactory.getLogger(PageFailures.class);

    @ExceptionHandler(ProblemException.class)
    ModelAndView problem(ProblemException e, HttpServletRequest request) {
        return page(request, e.status(), Failure.of(e), null);
    }

    private static ModelAndView unavailable(Exception e, HttpServletRequest request, HttpServletResponse response) {
        log.warn("Page answered 503: {}", e.toString());
        RetryAfter.DATABASE_UNAVAILABLE.set(response);
        return page(request, 503, Failure.saying("label.failure.unavailable"), null);
    }

    @ExceptionHandler({TypeMismatchException.class, ServletRequestBindingException.class})
    ModelAndView badRequest(Exception e, HttpServletRequest request) {
        return page(request, 400, Failure.saying("label.failure.badRequest"), null);
    }

    @ExceptionHandler(Exception.class)
    ModelAndView unexpected(Exception e, HttpServletRequest request, HttpServletResponse response) {
        if (TransientFailures.isUnavailable(e)) return unavailable(e, request, response);
        if (e instanceof ErrorResponse known && known.getStatusCode().is4xxClientError()) {
            // Spring's own answers to a bad request (wrong method, missing parameter): the caller's mistake, not ours.
            return page(request, known.getStatusCode().value(), null, null);
        }
        log.error("Page failed", e);
        String requestId = MDC.get(RequestIdFilter.MDC_KEY);
        if (requestId == null) requestId = response.getHeader(RequestIdFilter.HEADER);
        return page(request, 500, Failure.saying("label.failure.internal"), requestId);
    }

    private static ModelAndView page(HttpServletRequest request, int status, Failure failure, String requestId) {
        // No database reads here: the failure may be the database itself.
        Object access = request.getAttribute(CompanyAccess.REQUEST_ATTRIBUTE);
        String back = access instanceof CompanyAccess a ? "/companies/" + a.companyId() : "/";
        ProblemPage page = new ProblemPage(Frames.anonymous(ProblemPage.heading(status)), status, ProblemPage.heading(status), failure, requestId, back);
        return Pages.render("problem", page, status);
    }
}
