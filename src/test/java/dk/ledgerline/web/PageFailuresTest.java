package dk.ledgerline.web;

import static org.assertj.core.api.Assertions.assertThat;

import dk.ledgerline.ops.RequestIdFilter;
import dk.ledgerline.shared.ProblemException;
import dk.ledgerline.testing.TestApp;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.ModelAndView;

/** What a browser sees when a page fails, rendered by the real precompiled templates. */
class PageFailuresTest {

    @Test
    void anUnexpectedFailureIsA500PageWithTheRequestIdAndNothingOfTheException() {
        MDC.put(RequestIdFilter.MDC_KEY, "req-7f3a");
        ModelAndView view;
        try {
            view = new PageFailures().unexpected(new IllegalStateException("select * from secret_internals"),
                    new MockHttpServletRequest(), new MockHttpServletResponse());
        } finally {
            MDC.remove(RequestIdFilter.MDC_KEY);
        }

        assertThat(view.getStatus().value()).isEqualTo(500);
        String html = render(view);
        assertThat(html).contains("<h1>Der skete en fejl hos os</h1>", "<code class=\"request-id\">req-7f3a</code>", "Fejl 500")
                .doesNotContain("secret_internals", "IllegalStateException", "at dk.ledgerline");
    }

    @Test
    void anExpectedFailureShowsItsStatusReasonAndEachFieldWithoutARequestId() {
        ProblemException problem = ProblemException.unprocessable("the account cannot be created",
                List.of(new ProblemException.FieldError("number", "must be from 1 to 99999999")));

        ModelAndView view = new PageFailures().problem(problem, new MockHttpServletRequest());

        assertThat(view.getStatus().value()).isEqualTo(422);
        assertThat(render(view)).contains("Fejl 422", "the account cannot be created", "<li data-field=\"number\">Nummer: must be from 1 to 99999999</li>")
                .doesNotContain("class=\"request-id\"");
    }

    @Test
    void theStylesheetScriptsAndChartLibraryAreServedToABrowserThatIsNotLoggedIn() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String path : List.of("/static/app.css", "/static/app.js", "/webjars/echarts/5.3.1/dist/echarts.min.js")) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(TestApp.get().baseUrl() + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.body()).as(path).isNotEmpty();
        }
    }

    private static String render(ModelAndView view) {
        StringOutput html = new StringOutput();
        TestApp.get().bean(TemplateEngine.class).render(view.getViewName() + ".jte", view.getModel(), html);
        return html.toString();
    }
}
