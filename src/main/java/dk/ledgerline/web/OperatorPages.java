package dk.ledgerline.web;

import dk.ledgerline.identity.AuthenticationFilter;
import dk.ledgerline.identity.Identity;
import dk.ledgerline.identity.Principal;
import dk.ledgerline.ops.SpinnerSummary;
import dk.ledgerline.ops.Spinners;
import dk.ledgerline.shared.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/** The platform operators' pages: where users wait on a spinner, whom it hits and why. */
@Controller
public class OperatorPages {
    /** The windows an operator picks from, each with the width of its chart's bars. */
    public enum Window {
        HOUR("1h", "label.window.hour", Duration.ofHours(1), Duration.ofMinutes(1)),
        DAY("24h", "label.window.day", Duration.ofDays(1), Duration.ofMinutes(30)),
        WEEK("7d", "label.window.week", Duration.ofDays(7), Duration.ofHours(6)),
        QUARTER("90d", "label.window.quarter", Duration.ofDays(90), Duration.ofDays(1));

        final String code;
        final String label;
        final Duration length;
        final Duration bucket;

        Window(String code, String label, Duration length, Duration bucket) {
            this.code = code;
            this.label = label;
            this.length = length;
            this.bucket = bucket;
        }

        public String code() {
            return code;
        }

        public String label() {
            return Languages.t(label);
        }

        static Window of(String code) {
            for (Window w : values()) if (w.code.equals(code)) return w;
            throw ProblemException.badRequest(Languages.t("label.windowOneOf", java.util.Arrays.stream(values()).map(Window::code).collect(Collectors.joining(", "))));
        }
    }

    public record SpinnersPage(Frame frame, Window window, List<Window> windows, SpinnerSummary summary, String chartJson) {}

    private final Spinners spinners;
    private final Identity identity;
    private final Frames frames;
    private final Clock clock;

    OperatorPages(Spinners spinners, Identity identity, Frames frames, Clock clock) {
        this.spinners = spinners;
        this.identity = identity;
        this.frames = frames;
        this.clock = clock;
    }

    @GetMapping("/operators/spinners")
    ModelAndView spinners(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal, @RequestParam(defaultValue = "24h") String window) {
        if (!identity.isPlatformOperator(principal.userId())) throw ProblemException.forbidden("siden er kun for Ledgerlines driftsfolk");
        Window w = Window.of(window);
        // the window ends at the next whole bar, so the bars stay put while the page is reloaded
        long bucketSeconds = w.bucket.toSeconds();
        Instant to = Instant.ofEpochSecond((clock.instant().getEpochSecond() / bucketSeconds + 1) * bucketSeconds);
        Instant from = to.minus(w.length);
        SpinnerSummary summary = spinners.summary(from, to, w.bucket);
        return Pages.render("operatorSpinners", new SpinnersPage(frames.user(principal, Languages.t("title.spinners")), w, List.of(Window.values()), summary,
                chart(summary, from, to, w.bucket)));
    }

    /** Every bar of the window, empty ones too, as the chart script reads it. */
    static String chart(SpinnerSummary summary, Instant from, Instant to, Duration bucket) {
        var byStart = summary.timeline().stream().collect(Collectors.toMap(SpinnerSummary.Bucket::start, b -> b));
        StringBuilder labels = new StringBuilder(), server = new StringBuilder(), network = new StringBuilder(), abandoned = new StringBuilder();
        for (Instant at = from; at.isBefore(to); at = at.plus(bucket)) {
            SpinnerSummary.Bucket b = byStart.getOrDefault(at, new SpinnerSummary.Bucket(at, 0, 0, 0));
            String sep = labels.isEmpty() ? "" : ",";
            labels.append(sep).append('"').append(Labels.time(at.truncatedTo(ChronoUnit.MINUTES))).append('"');
            server.append(sep).append(b.server());
            network.append(sep).append(b.network());
            abandoned.append(sep).append(b.abandoned());
        }
        return "{\"labels\":[" + labels + "],\"server\":[" + server + "],\"network\":[" + network + "],\"abandoned\":[" + abandoned + "]}";
    }
}
