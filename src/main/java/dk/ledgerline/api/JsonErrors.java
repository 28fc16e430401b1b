package dk.ledgerline.api;

import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** Turns a JSON parsing failure into a sentence that names the field, without leaking class names. */
final class JsonErrors {
    private JsonErrors() {}

    static String describe(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return "unknown field '" + unknown.getPropertyName() + "'" + at(unknown);
        }
        if (cause instanceof DatabindException bind && !bind.getPath().isEmpty()) {
            return "field '" + path(bind) + "' has a value of the wrong type or form";
        }
        if (cause instanceof DatabindException) {
            // well-formed JSON of the wrong shape at the top: an array, a number, a string
            return "the body must be a JSON object";
        }
        if (cause instanceof JacksonException) {
            return "the body is not valid JSON";
        }
        return "the request body is missing or unreadable";
    }

    private static String at(DatabindException e) {
        String path = path(e);
        return path.contains(".") || path.contains("[") ? " at '" + path + "'" : "";
    }

    private static String path(DatabindException e) {
        StringBuilder out = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!out.isEmpty()) out.append('.');
                out.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }
}
