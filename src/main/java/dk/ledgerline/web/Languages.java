package dk.ledgerline.web;

import dk.ledgerline.shared.Language;
import dk.ledgerline.shared.Texts;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The language a page is shown in: the user's own choice, kept in their account and carried by a
 * cookie, so that no page reads the database for it (and the login page knows it too).
 */
public final class Languages {
    public static final String COOKIE = "ledgerline-lang";
    /** A choice of language outlives any session: a year. */
    static final Duration COOKIE_LIFETIME = Duration.ofDays(365);

    private Languages() {}

    /** The language of the request being answered; Danish outside a request. */
    public static Language current() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        return attributes instanceof ServletRequestAttributes servlet ? of(servlet.getRequest()) : Language.DEFAULT;
    }

    public static Texts texts() {
        return Texts.of(current());
    }

    /** Each language's scripts' texts as JSON, written once: every page carries its language's. */
    private static final java.util.Map<Language, String> SCRIPT_TEXTS = scriptTexts();

    private static java.util.Map<Language, String> scriptTexts() {
        tools.jackson.databind.json.JsonMapper json = tools.jackson.databind.json.JsonMapper.builder().build();
        java.util.Map<Language, String> texts = new java.util.EnumMap<>(Language.class);
        for (Language language : Language.values()) texts.put(language, json.writeValueAsString(Texts.of(language).startingWith("script.")));
        return java.util.Collections.unmodifiableMap(texts);
    }

    /** The scripts' texts (script.*) of the request's language, which every page carries for app.js and its kin. */
    public static String scriptTextsJson() {
        return SCRIPT_TEXTS.get(current());
    }

    /** A text of the request's language: shorthand for the pages' controllers. */
    public static String t(String key, Object... args) {
        return texts().get(key, args);
    }

    /** The path and query of the page being answered, to come back to after switching language. */
    public static String currentPath() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (!(attributes instanceof ServletRequestAttributes servlet)) return "/";
        HttpServletRequest request = servlet.getRequest();
        String path = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        // a page answering a form post is shown under the address it redirected to, or its own
        return "GET".equals(request.getMethod()) && dk.ledgerline.identity.AuthenticationFilter.isLocalPath(path) ? path : request.getRequestURI();
    }

    static Language of(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (COOKIE.equals(cookie.getName())) return Language.of(cookie.getValue());
            }
        }
        return Language.DEFAULT;
    }

    static void remember(HttpServletResponse response, Language language, boolean secure) {
        response.addHeader("Set-Cookie", COOKIE + "=" + language.code() + "; Path=/; Max-Age=" + COOKIE_LIFETIME.toSeconds()
                + "; SameSite=Lax" + (secure ? "; Secure" : ""));
    }
}
