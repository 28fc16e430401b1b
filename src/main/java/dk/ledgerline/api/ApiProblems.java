package dk.ledgerline.api;

import dk.ledgerline.shared.ProblemException;
import dk.ledgerline.shared.RetryAfter;
import dk.ledgerline.shared.TransientFailures;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.ErrorResponseException;

/**
 * Every failure of the API as an RFC 9457 problem. Bad input says what is wrong and where; a
 * database that is briefly away is 503 with Retry-After; only our own bugs are 500.
 */
@RestControllerAdvice(basePackages = "dk.ledgerline.api")
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiProblems {
    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> problem(ProblemException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(e.status()), e.detail());
        problem.setTitle(e.title());
        if (!e.errors().isEmpty()) problem.setProperty("errors", errors(e.errors()));
        return ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "parameter '" + e.getName() + "' has an invalid value");
        problem.setTitle("Bad request");
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static ResponseEntity<ProblemDetail> unavailable(Exception e) {
        log.warn("Answering 503: {}", e.toString());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "the service is busy or its database is switching over; nothing was changed, retry shortly");
        problem.setTitle("Service unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(RetryAfter.HEADER, Integer.toString(RetryAfter.DATABASE_UNAVAILABLE.seconds())).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** Spring's own: missing parameter, wrong method, unsupported media type and the like keep their status. */
    @ExceptionHandler(ErrorResponseException.class)
    ResponseEntity<ProblemDetail> framework(ErrorResponseException e) {
        return ResponseEntity.status(e.getStatusCode()).headers(e.getHeaders()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(e.getBody());
    }

    @ExceptionHandler({org.springframework.web.bind.MissingServletRequestParameterException.class,
            org.springframework.web.HttpMediaTypeNotSupportedException.class, org.springframework.web.HttpRequestMethodNotSupportedException.class,
            org.springframework.web.HttpMediaTypeNotAcceptableException.class})
    ResponseEntity<ProblemDetail> frameworkResponse(Exception e) {
        org.springframework.web.ErrorResponse response = (org.springframework.web.ErrorResponse) e;
        return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(response.getBody());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (TransientFailures.isUnavailable(e)) return unavailable(e);
        log.error("Unexpected failure", e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "the request failed on our side and changed nothing; quote the X-Request-Id header when reporting it");
        problem.setTitle("Internal error");
        return ResponseEntity.internalServerError().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** Malformed JSON, a wrong type or an unknown field: say which, without echoing internals. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> notReadable(HttpMessageNotReadableException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, JsonErrors.describe(e));
        problem.setTitle("Malformed request body");
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    static List<Map<String, String>> errors(List<ProblemException.FieldError> errors) {
        return errors.stream().map(f -> Map.of("field", f.field(), "message", f.message())).toList();
    }
}
