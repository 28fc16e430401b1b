package dk.ledgerline.demo;

import dk.ledgerline.identity.Company;
import dk.ledgerline.identity.Identity;
import dk.ledgerline.invoicing.Customer;
import dk.ledgerline.invoicing.Customers;
import dk.ledgerline.invoicing.Invoices;
import dk.ledgerline.invoicing.InvoicingProfile;
import dk.ledgerline.invoicing.InvoicingProfiles;
import dk.ledgerline.invoicing.Product;
import dk.ledgerline.invoicing.ProductKind;
import dk.ledgerline.invoicing.Products;
import dk.ledgerline.invoicing.Supplier;
import dk.ledgerline.invoicing.Suppliers;
import dk.ledgerline.invoicing.VatZone;
import dk.ledgerline.ledger.FiscalYear;
import dk.ledgerline.ledger.Journal;
import dk.ledgerline.ledger.Journals;
import dk.ledgerline.ledger.Ledger;
import dk.ledgerline.ledger.PostingOutcome;
import dk.ledgerline.ledger.VoucherDraft;
import dk.ledgerline.ledger.VoucherDraft.Line;
import dk.ledgerline.shared.VatPeriodType;
import dk.ledgerline.vat.Vat;
import dk.ledgerline.vat.VatPeriod;
import dk.ledgerline.vat.VatReturn;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "Demo ApS": a year of realistic bookkeeping up to today, posted through the same services as the
 * UI and the API: domestic sales and purchases with VAT, an EU goods purchase, EU service purchases,
 * EU sales, an export, salaries, rent, bank movements, a EUR invoice, a reversal, settled VAT
 * quarters with their payments, and a draft journal waiting to be posted.
 */
@Component
public class DemoCompany {
    public static final String EMAIL = "demo@ledgerline.dk";
    public static final String PASSWORD = "demo-ledgerline";
    public static final String NAME = "Demo ApS";
    /** A valid CVR number (modulus 11); not a real company's. */
    public static final String CVR = "29876509";
    /** The same demo every time: amounts come from a seeded generator. */
    private static final long SEED = 20260301L;
    private static final java.util.Locale DANISH = java.util.Locale.forLanguageTag("da-DK");

    private static final Logger log = LoggerFactory.getLogger(DemoCompany.class);

    private final Identity identity;
    private final Ledger ledger;
    private final Journals journals;
    private final Vat vat;
    private final Clock clock;

    private final Customers customers;
    private final Products products;
    private final Suppliers suppliers;
    private final InvoicingProfiles profiles;
    private final Invoices invoices;

    DemoCompany(Identity identity, Ledger ledger, Journals journals, Vat vat, Clock clock, Customers customers, Products products,
                Suppliers suppliers, InvoicingProfiles profiles, Invoices invoices) {
        this.customers = customers;
        this.products = products;
        this.suppliers = suppliers;
        this.profiles = profiles;
        this.invoices = invoices;
        this.identity = identity;
        this.ledger = ledger;
        this.journals = journals;
        this.vat = vat;
        this.clock = clock;
    }

    /** Creates the demo user and company unless the demo user exists already. */
    public boolean ensure() {
        if (identity.authenticate(EMAIL, PASSWORD, Identity.SESSION_LIFETIME).isPresent()) return false;
        Identity.User user = identity.register(EMAIL, PASSWORD, "Demo Bogholder");
        Company company = identity.createCompany(user.id(), NAME, CVR, VatPeriodType.QUARTER, 1);
        new Bookkeeping(company.id(), user.id()).run();
        invoicing(company.id());
        log.info("Created the demo company {} (id {})", NAME, company.id());
        return true;
    }

    /**
     * What invoicing starts from: the company's address and bank account, a few customers at home,
     * in the EU and abroad, products, suppliers, and a draft invoice waiting to be booked. Nothing of
     * it is posted, so the demo year's books stay as the bookkeeping above made them.
     */
    private void invoicing(long companyId) {
        profiles.save(companyId, new InvoicingProfile("Vesterbrogade 12", "1620", "København V", "DK", "faktura@demo-aps.dk", "+45 33 12 34 56",
                "1234", "0012345678", "DK5000400440116243", "NDEADKKK", "85123456"));
        Customer bakery = customers.create(companyId, new Customer(0, 0, "Bageriet Ørsted ApS", "12345674", null, "Algade 3", "4000", "Roskilde",
                "DK", "regnskab@bageriet-oersted.dk", 14, VatZone.DOMESTIC, null));
        customers.create(companyId, new Customer(0, 0, "Roskilde Kommune", null, "5798000433120", "Rådhusbuen 1", "4000", "Roskilde", "DK", null,
                30, VatZone.DOMESTIC, null));
        customers.create(companyId, new Customer(0, 0, "Müller Backwaren GmbH", null, null, "Hauptstraße 5", "10115", "Berlin", "DE", null, 30,
                VatZone.EU, "DE123456789"));
        customers.create(companyId, new Customer(0, 0, "Nordfjord AS", null, null, "Storgata 9", "0155", "Oslo", "NO", null, 30,
                VatZone.OUTSIDE_EU, "NO923609016MVA"));
        Product advice = products.create(companyId, new Product(0, "RÅD", "Rådgivning", "time", 950_00, ProductKind.SERVICES, null));
        products.create(companyId, new Product(0, "KURSUS", "Kursusdag", "dag", 6_500_00, ProductKind.SERVICES, null));
        products.create(companyId, new Product(0, "BOG", "Håndbog i bogføring", "stk.", 349_00, ProductKind.GOODS, null));
        suppliers.create(companyId, new Supplier(0, 0, "Kontorland A/S", "30000005", null, "Industrivej 4", "2600", "Glostrup", "DK", null, 14,
                VatZone.DOMESTIC, null));
        suppliers.create(companyId, new Supplier(0, 0, "Cloud Hosting GmbH", null, null, "Torstraße 1", "10119", "Berlin", "DE", null, 14,
                VatZone.EU, "DE999999999"));
        invoices.draft(companyId, new Invoices.Draft(bakery.id(), LocalDate.now(clock), "",
                List.of(new Invoices.DraftLine(advice.id(), null, new java.math.BigDecimal("3"), null, null))));
    }

    private final class Bookkeeping {
        private final long companyId;
        private final long userId;
        private final Random random = new Random(SEED);
        private final LocalDate today = LocalDate.now(clock);
        private int invoice = 1001;

        Bookkeeping(long companyId, long userId) {
            this.companyId = companyId;
            this.userId = userId;
        }

        void run() {
            LocalDate start = today.minusMonths(12).withDayOfMonth(1);
            openFiscalYearsFrom(start);
            post(start.plusDays(1), "Indskud af selskabskapital", line(6480, 40_000_00), line(6530, -40_000_00));
            post(start.plusDays(2), "Banklån", line(6480, 100_000_00), line(7330, -100_000_00));
            for (LocalDate month = start; !month.isAfter(today); month = month.plusMonths(1)) {
                bookMonth(month, month.equals(start));
                settleQuarterEndingBefore(month, start);
            }
            draftJournal();
        }

        private void bookMonth(LocalDate month, boolean first) {
            LocalDate last = month.withDayOfMonth(month.lengthOfMonth());
            post(month.plusDays(0), "Husleje " + monthName(month), line(2030, 15_000_00, "I25"), line(6480, -15_000_00));
            for (int i = 0; i < 3; i++) sale(month.plusDays(4 + i * 8));
            post(month.plusDays(9), "Varekøb, Grossisten A/S", line(1610, amount(12_000, 30_000), "I25"), counter(7440));
            post(month.plusDays(11), "Telefon og internet", line(2410, 899_00, "I25"), line(6480, -899_00));
            post(month.plusDays(12), "Microsoft Ireland, licenser (EU-ydelse)", line(1710, 1_450_00, "EUY"), line(6480, -1_450_00));
            post(month.plusDays(13), "Bankgebyr", line(2390, 45_00, "FRI"), line(6480, -45_00));
            if (month.getMonthValue() % 2 == 0) {
                post(month.plusDays(14), "Varekøb, Müller GmbH (EU-varer)", line(1630, amount(15_000, 25_000), "EUV"), counter(7440));
                post(month.plusDays(15), "EU-salg, Svensson AB", line(6190, amount(20_000, 35_000)), counterVat(1050, "EUSV"));
            }
            if (month.getMonthValue() % 3 == 0) {
                post(month.plusDays(16), "Rådgivning til Oslo AS (eksport)", line(6190, amount(8_000, 12_000)), counterVat(1200, "EKS"));
                post(month.plusDays(17), "Support til Bauer GmbH (EU-ydelse)", line(6190, amount(5_000, 9_000)), counterVat(1150, "EUSY"));
                post(month.plusDays(18), "Forsikring, kvartal", line(2180, 3_200_00, "FRI"), line(6480, -3_200_00));
                post(month.plusDays(19), "GitHub Inc., USA (ydelse uden for EU)", line(1740, 2_100_00, "UDY"), line(6480, -2_100_00));
            }
            if (month.getMonthValue() == 5) foreignInvoice(month.plusDays(20));
            if (month.getMonthValue() == 3) reversal(month.plusDays(21));
            post(month.plusDays(24), "Betaling til leverandører", line(7440, 10_000_00), line(6480, -10_000_00));
            post(month.plusDays(25), "Indbetalinger fra kunder", line(6480, 45_000_00), line(6190, -45_000_00));
            if (!last.isAfter(today)) {
                post(last, "Løn " + monthName(month), line(2850, 60_000_00), line(7920, -16_000_00), line(7940, -4_800_00), line(6480, -39_200_00));
                post(last, "Renter, bank", line(3670, 350_00), line(6480, -350_00));
            }
            if (!first) {
                // last month's withholding taxes, paid to Skattestyrelsen on the 10th
                post(month.plusDays(9), "A-skat og AM-bidrag", line(7920, 16_000_00), line(7940, 4_800_00), line(6480, -20_800_00));
            }
        }

        private void sale(LocalDate date) {
            long gross = amount(5_000, 40_000);
            post(date, "Faktura " + invoice++, line(6190, gross), line(1010, -gross, "U25"));
        }

        private void foreignInvoice(LocalDate date) {
            if (date.isAfter(today)) return;
            List<Line> lines = List.of(line(6190, 2_500_00), line(1050, -2_500_00, "EUSV"));
            outcome(ledger.post(companyId, userId, new VoucherDraft(date, "Faktura " + invoice++ + " i EUR, Dupont SARL", "EUR", new BigDecimal("7.4604"), lines), "DEMO"), date);
        }

        private void reversal(LocalDate date) {
            if (date.isAfter(today)) return;
            var wrong = outcome(ledger.post(companyId, userId, VoucherDraft.inKroner(date, "Kontorartikler (fejlkonteret)",
                    List.of(line(2030, 1_250_00, "I25"), line(6480, -1_250_00))), "DEMO"), date);
            if (wrong == null) return;
            ledger.reverse(companyId, userId, wrong.fiscalYear(), wrong.number(), null);
            post(date, "Kontorartikler", line(2450, 1_250_00, "I25"), line(6480, -1_250_00));
        }

        /** After a quarter has ended: settle it (post to Skyldig moms and lock it), then pay it a month later. */
        private void settleQuarterEndingBefore(LocalDate month, LocalDate start) {
            VatPeriod previous = VatPeriod.containing(month.minusDays(1), VatPeriodType.QUARTER);
            if (!previous.to().equals(month.minusDays(1)) || !previous.to().isBefore(today)) return;
            // the quarter the books began in is the company's first here, and is filed too
            if (previous.to().isBefore(start)) return;
            VatReturn settled = vat.settle(companyId, userId, previous);
            LocalDate paid = previous.deadline();
            if (!paid.isAfter(today) && settled.vatPayable() != 0) {
                long amount = settled.vatPayable() * 100;
                post(paid, "Betaling af moms " + previous, line(7840, amount), line(6480, -amount));
            }
        }

        private void draftJournal() {
            Journal journal = journals.create(companyId, userId, "Kassekladde " + monthName(today));
            journals.addLine(companyId, journal.id(), new Journal.Line(0, 0, today, "Kontorartikler, Staples", 2450, 687_50, "I25", 6480));
            journals.addLine(companyId, journal.id(), new Journal.Line(0, 0, today, "Faktura " + invoice++, 6190, 18_750_00, null, null));
            journals.addLine(companyId, journal.id(), new Journal.Line(0, 2, today, "Faktura " + (invoice - 1), 1010, -18_750_00, "U25", null));
        }

        private static String monthName(LocalDate date) {
            return date.getMonth().getDisplayName(java.time.format.TextStyle.FULL, DANISH) + " " + date.getYear();
        }

        private void openFiscalYearsFrom(LocalDate start) {
            List<FiscalYear> years = ledger.fiscalYears(companyId);
            LocalDate first = years.getFirst().start();
            while (first.isAfter(start)) {
                first = first.minusYears(1);
                ledger.openFiscalYear(companyId, first);
            }
        }

        private void post(LocalDate date, String text, Line... lines) {
            if (date.isAfter(today)) return;
            outcome(ledger.post(companyId, userId, VoucherDraft.inKroner(date, text, List.of(lines)), "DEMO"), date);
        }

        private dk.ledgerline.ledger.Voucher outcome(PostingOutcome outcome, LocalDate date) {
            return switch (outcome) {
                case PostingOutcome.Posted posted -> posted.single();
                case PostingOutcome.Rejected rejected -> throw new IllegalStateException("the demo bookkeeping was rejected on " + date + ": " + rejected.errors());
            };
        }

        /** A counter line for the previous line's amount: the pending amount is set by {@link #line}. */
        private Line counter(int account) {
            return new Line(account, -pending, null, "");
        }

        private Line counterVat(int account, String vatCode) {
            return new Line(account, -pending, vatCode, "");
        }

        private long pending;

        private Line line(int account, long amount) {
            return line(account, amount, null);
        }

        private Line line(int account, long amount, String vatCode) {
            pending = amount;
            return new Line(account, amount, vatCode, "");
        }

        /** Whole kroner between min and max, as øre. */
        private long amount(int minKroner, int maxKroner) {
            long kroner = minKroner + random.nextInt(maxKroner - minKroner);
            pending = kroner * 100;
            return pending;
        }
    }
}
