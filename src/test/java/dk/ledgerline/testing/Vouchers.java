package dk.ledgerline.testing;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

public final class Vouchers {
    private Vouchers() {}

    /** A voucher's entries as "account:amount:vatCode", in line order, for exact comparison. */
    public static List<String> entries(JsonNode voucher) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : voucher.get("entries")) {
            out.add(e.get("account").asInt() + ":" + e.get("amount").asString() + ":" + (e.get("vatCode").isNull() ? "null" : e.get("vatCode").asString()));
        }
        return out;
    }
}
