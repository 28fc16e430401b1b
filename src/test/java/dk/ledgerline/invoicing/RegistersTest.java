package dk.ledgerline.invoicing;

import static org.assertj.core.api.Assertions.assertThat;

import dk.ledgerline.testing.Api;
import dk.ledgerline.testing.Tenant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Customers and products from a spreadsheet's CSV: Danish or English headings, quoted fields, all rows or none. */
class RegistersTest {

    @Test
    void customersAndProductsAreImportedAllOrNothingNamingTheLineOfEachMistake() {
        Tenant t = Tenant.create("QUARTER");
        Api.Response customers = t.api().postRaw(t.path("/customers/import"), "text/csv", """
                \uFEFFnavn;cvr;adresse;postnr;by;betalingsdage;momszone;momsnummer;land
                "Bager; Hansen ApS";12345674;Algade 3;4000;Roskilde;14;;;
                Müller GmbH;;Hauptstraße 5;10115;Berlin;30;EU;DE123456789;DE
                Nordfjord AS;;;;Oslo;;OUTSIDE_EU;;NO
                """);
        assertThat(customers.status()).as(customers.toString()).isEqualTo(201);
        assertThat(customers.json().get("created").asInt()).isEqualTo(3);
        List<String> kept = new ArrayList<>();
        for (JsonNode c : t.api().get(t.path("/customers")).json().get("items")) {
            kept.add(c.get("number").asInt() + ":" + c.get("name").asString() + ":" + c.get("vatZone").asString() + ":" + c.get("paymentDays").asInt());
        }
        assertThat(kept).containsExactly("1:Bager; Hansen ApS:DOMESTIC:14", "2:Müller GmbH:EU:30", "3:Nordfjord AS:OUTSIDE_EU:8");

        Api.Response bad = t.api().postRaw(t.path("/customers/import"), "text/csv", """
                name,cvr,vatZone,vatNumber
                Fin ApS,12345674,,
                Forkert CVR ApS,12345678,,
                Uden Zone GmbH,,MARS,
                EU uden momsnr GmbH,,EU,
                """);
        assertThat(bad.status()).as(bad.toString()).isEqualTo(422);
        assertThat(bad.body()).contains("line 3.cvr").contains("line 4.vatZone").contains("line 5.vatNumber").doesNotContain("line 2");
        assertThat(t.api().get(t.path("/customers")).json().get("items")).as("none of a refused file is kept").hasSize(3);
        Api.Response unknownColumn = t.api().postRaw(t.path("/customers/import"), "text/csv", "name;telefax\nA;1\n");
        assertThat(unknownColumn.status()).isEqualTo(422);
        assertThat(unknownColumn.body()).contains("telefax");

        Api.Response suppliers = t.api().postRaw(t.path("/suppliers/import"), "text/csv", "navn;cvr\nKontorland A/S;30000005\n");
        assertThat(suppliers.status()).as(suppliers.toString()).isEqualTo(201);
        JsonNode supplier = t.api().get(t.path("/suppliers")).json().get("items").get(0);
        assertThat(supplier.get("name").asString()).isEqualTo("Kontorland A/S");
        assertThat(supplier.get("paymentDays").asInt()).as("a supplier's terms unless given").isEqualTo(30);

        Api.Response products = t.api().postRaw(t.path("/products/import"), "text/csv", """
                varenr;navn;enhed;enhedspris;art
                R1;Rugbrød;stk.;25,00;varer
                RÅD;Rådgivning;time;1.250,00;ydelse
                """);
        assertThat(products.status()).as(products.toString()).isEqualTo(201);
        JsonNode items = t.api().get(t.path("/products")).json().get("items");
        assertThat(items.get(1).get("unitPrice").asString()).as("read the Danish way").isEqualTo("1250.00");
        assertThat(items.get(0).get("kind").asString()).isEqualTo("GOODS");
        Api.Response twice = t.api().postRaw(t.path("/products/import"), "text/csv", "number;name;unitPrice\nX;A;1,00\nX;B;2,00\n");
        assertThat(twice.status()).isEqualTo(422);
        assertThat(twice.body()).contains("line 3.number").contains("X comes twice");
    }
}
