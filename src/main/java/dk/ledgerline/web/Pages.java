package dk.ledgerline.web;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;
import org.springframework.web.util.UriComponentsBuilder;

/** The two ways a page handler ends: render a jte template with one view record, or redirect. */
final class Pages {
    private Pages() {}

    /** Renders {@code template}.jte with its one parameter, {@code page}. */
    static ModelAndView render(String template, Object page) {
        return new ModelAndView(template, Map.of("page", page));
    }

    /** A page that shows a mistake: the status tells the idempotency filter to keep nothing of the attempt. */
    static ModelAndView render(String template, Object page, int status) {
        ModelAndView view = render(template, page);
        view.setStatus(HttpStatus.valueOf(status));
        return view;
    }

    /**
     * 303 after a successful form post, so reloading the next page never posts again. The Location
     * is a path, so the idempotency filter can replay it to a double-submitted form unchanged.
     */
    static ModelAndView seeOther(String path) {
        RedirectView redirect = new RedirectView(path, true, false);
        redirect.setStatusCode(HttpStatus.SEE_OTHER);
        redirect.setExposeModelAttributes(false);
        return new ModelAndView(redirect);
    }

    static UriComponentsBuilder path(String path) {
        return UriComponentsBuilder.fromPath(path);
    }
}
