package dk.ledgerline.admission.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Names the fields in which a retried request differs from the first one with the same key. */
final class RequestDifference {
    /** Enough to point the client at its mistake; a long list helps nobody. */
    private static final int FIELDS_MAX = 5;

    private RequestDifference() {}

    static List<String> fields(ObjectMapper json, byte[] first, byte[] retry) {
        List<String> out = new ArrayList<>();
        try {
            diff("", json.readTree(first), json.readTree(retry), out);
        } catch (RuntimeException notJson) {
            out.add("(body)");
        }
        return out;
    }

    private static void diff(String path, JsonNode a, JsonNode b, List<String> out) {
        if (out.size() >= FIELDS_MAX) return;
        if (a == null || b == null || a.getNodeType() != b.getNodeType()) {
            out.add(path.isEmpty() ? "(body)" : path);
            return;
        }
        if (a.isObject()) {
            var names = new java.util.TreeSet<String>();
            for (Map.Entry<String, JsonNode> e : a.properties()) names.add(e.getKey());
            for (Map.Entry<String, JsonNode> e : b.properties()) names.add(e.getKey());
            for (String name : names) diff(path.isEmpty() ? name : path + "." + name, a.get(name), b.get(name), out);
        } else if (a.isArray()) {
            if (a.size() != b.size()) {
                out.add(path + " (" + a.size() + " items, now " + b.size() + ")");
                return;
            }
            Iterator<JsonNode> ia = a.iterator();
            Iterator<JsonNode> ib = b.iterator();
            for (int i = 0; ia.hasNext(); i++) diff(path + "[" + i + "]", ia.next(), ib.next(), out);
        } else if (!a.equals(b)) {
            out.add(path.isEmpty() ? "(body)" : path);
        }
    }
}
