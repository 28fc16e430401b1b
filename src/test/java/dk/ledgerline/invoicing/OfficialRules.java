package dk.ledgerline.invoicing;

import com.helger.diagnostics.error.IError;
import com.helger.diver.api.coord.DVRCoordinate;
import com.helger.io.resource.inmemory.ReadableResourceByteArray;
import com.helger.phive.api.execute.ValidationExecutionManager;
import com.helger.phive.api.executorset.IValidationExecutorSet;
import com.helger.phive.api.executorset.ValidationExecutorSetRegistry;
import com.helger.phive.api.result.ValidationResultList;
import com.helger.phive.api.validity.IValidityDeterminator;
import com.helger.phive.oioubl.OIOUBLValidation;
import com.helger.phive.peppol.PeppolValidation;
import com.helger.phive.peppol.PeppolValidation2025_11;
import com.helger.phive.xml.source.IValidationSourceXML;
import com.helger.phive.xml.source.ValidationSourceXML;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The official validation artefacts of Peppol BIS Billing 3.0 (OpenPeppol's release of November
 * 2025) and OIOUBL 2.1 (schematron 1.15.1), as phive packages them: the UBL schema, then the EN 16931
 * and Peppol (or OIOUBL) Schematron rules. What they find, errors and warnings, comes back as text.
 */
public final class OfficialRules {
    public enum Rules {
        PEPPOL_INVOICE(PeppolValidation2025_11.VID_OPENPEPPOL_INVOICE_UBL_V3),
        PEPPOL_CREDIT_NOTE(PeppolValidation2025_11.VID_OPENPEPPOL_CREDIT_NOTE_UBL_V3),
        OIOUBL_INVOICE(OIOUBLValidation.VID_OIOUBL_INVOICE_1_15_1),
        OIOUBL_CREDIT_NOTE(OIOUBLValidation.VID_OIOUBL_CREDIT_NOTE_1_15_1);

        final DVRCoordinate id;

        Rules(DVRCoordinate id) {
            this.id = id;
        }
    }

    public record Findings(List<String> errors, List<String> warnings) {}

    private static final ValidationExecutorSetRegistry<IValidationSourceXML> REGISTRY = new ValidationExecutorSetRegistry<>();

    static {
        com.helger.phive.en16931.EN16931Validation.initEN16931(REGISTRY);
        PeppolValidation.initStandard(REGISTRY);
        OIOUBLValidation.initOIOUBL(REGISTRY);
    }

    private OfficialRules() {}

    public static synchronized Findings check(Rules rules, byte[] xml) {
        IValidationExecutorSet<IValidationSourceXML> set = REGISTRY.getOfID(rules.id);
        if (set == null) throw new IllegalStateException("phive has no rules " + rules.id);
        ValidationResultList results = ValidationExecutionManager.executeValidation(IValidityDeterminator.createDefault(), set,
                ValidationSourceXML.create(new ReadableResourceByteArray(xml)), Locale.ENGLISH);
        List<String> errors = new ArrayList<>(), warnings = new ArrayList<>();
        results.forEachFlattened(e -> (e.isError() ? errors : warnings).add(describe(e)));
        return new Findings(errors, warnings);
    }

    private static String describe(IError e) {
        return (e.getErrorID() == null ? "" : "[" + e.getErrorID() + "] ") + e.getErrorText(Locale.ENGLISH)
                + (e.getErrorFieldName() == null ? "" : " at " + e.getErrorFieldName());
    }
}
