package dk.ledgerline.web;

import dk.ledgerline.identity.AuthenticationFilter;
import dk.ledgerline.identity.Identity;
import dk.ledgerline.identity.Principal;
import dk.ledgerline.shared.Language;
import dk.ledgerline.shared.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.ModelAndView;

/** Log in, sign up, log out. The session is the signed cookie the authentication filter reads. */
@Controller
public class SessionPages {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SessionPages.class);
    private final Identity identity;

    SessionPages(Identity identity) {
        this.identity = identity;
    }

    /** {@code next}: the page to return to, a local path or empty. */
    public record LoginForm(String email, String password, String next) {
        static final LoginForm EMPTY = new LoginForm("", "", "");

        public LoginForm {
            next = AuthenticationFilter.isLocalPath(next) ? next : "";
        }

        String nextOrHome() {
            return next.isEmpty() ? "/" : next;
        }
    }

    public record LoginPage(Frame frame, LoginForm form, Failure failure) {}

    public record SignupForm(String name, String email, String password) {
        static final SignupForm EMPTY = new SignupForm("", "", "");
    }

    public record SignupPage(Frame frame, SignupForm form, Failure failure) {}

    @GetMapping("/login")
    ModelAndView loginForm(@org.springframework.web.bind.annotation.RequestParam(required = false) String next) {
        return Pages.render("login", new LoginPage(Frames.anonymous(Languages.t("title.login")),
                new LoginForm("", "", next), null));
    }

    @PostMapping("/login")
    ModelAndView login(LoginForm form, HttpServletRequest request, HttpServletResponse response) {
        Optional<Identity.IssuedToken> session = identity.authenticate(form.email(), form.password(), Identity.SESSION_LIFETIME);
        if (session.isEmpty()) {
            // Never echo the password back into the page.
            Failure failure = Failure.saying("label.failure.login");
            return Pages.render("login", new LoginPage(Frames.anonymous(Languages.t("title.login")), new LoginForm(form.email(), "", form.next()), failure), 422);
        }
        AuthenticationFilter.setSessionCookie(response, session.get().token(), request.isSecure());
        // the pages from here on speak the user's own language, on this browser too
        identity.user(session.get().userId()).ifPresent(user -> Languages.remember(response, user.language(), request.isSecure()));
        return Pages.seeOther(form.nextOrHome());
    }

    /** {@code next}: the page the switch was made on, to return to. */
    public record LanguageForm(String language, String next) {}

    /**
     * Switches the pages' language: kept in the user's account when someone is logged in, and in the
     * browser either way. While the database takes no writes, the browser's choice still holds.
     */
    @PostMapping("/language")
    ModelAndView language(LanguageForm form, HttpServletRequest request, HttpServletResponse response) {
        Language language = Language.of(form.language());
        if (request.getAttribute(AuthenticationFilter.PRINCIPAL) instanceof Principal principal) {
            try {
                identity.setLanguage(principal.userId(), language);
            } catch (RuntimeException e) {
                if (!dk.ledgerline.shared.TransientFailures.isUnavailable(e)) throw e;
                log.warn("Kept the language in the browser only: {}", e.toString());
            }
        }
        Languages.remember(response, language, request.isSecure());
        return Pages.seeOther(AuthenticationFilter.isLocalPath(form.next()) ? form.next() : "/");
    }

    @GetMapping("/signup")
    ModelAndView signupForm() {
        return Pages.render("signup", new SignupPage(Frames.anonymous(Languages.t("title.signup")), SignupForm.EMPTY, null));
    }

    @PostMapping("/signup")
    ModelAndView signup(SignupForm form, HttpServletRequest request, HttpServletResponse response) {
        Identity.User user;
        try {
            user = identity.register(form.email(), form.password(), form.name());
        } catch (ProblemException e) {
            SignupForm shown = new SignupForm(form.name(), form.email(), "");
            return Pages.render("signup", new SignupPage(Frames.anonymous(Languages.t("title.signup")), shown, Failure.of(e)), e.status());
        }
        AuthenticationFilter.startSession(request, response, identity.startSession(user.id()).token(), user.id());
        return Pages.seeOther("/");
    }

    @PostMapping("/logout")
    ModelAndView logout(HttpServletRequest request, HttpServletResponse response) {
        // the session ends on the server too: a copy of its cookie no longer works (on other nodes within a few seconds)
        if (request.getAttribute(AuthenticationFilter.PRINCIPAL) instanceof Principal principal) {
            try {
                identity.endSession(principal);
            } catch (RuntimeException e) {
                // Read-only or away: this browser is logged out all the same; the token lives until it expires.
                if (!dk.ledgerline.shared.TransientFailures.isUnavailable(e)) throw e;
                log.warn("Logged out without ending the session on the server: {}", e.toString());
            }
        }
        AuthenticationFilter.clearSessionCookie(response);
        return Pages.seeOther("/login");
    }
}
