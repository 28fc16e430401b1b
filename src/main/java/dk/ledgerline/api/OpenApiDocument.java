package dk.ledgerline.api;

import dk.ledgerline.admission.IdempotencyFilter;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the API document says beyond what the handlers declare: the pipeline's own rules. */
@Configuration(proxyBeanMethods = false)
class OpenApiDocument {
    /** Issuing a token is safe to repeat and is never recorded; every other POST needs its key. */
    private static final Set<String> POSTS_WITHOUT_KEY = Set.of("/api/v1/auth/token");

    @Bean
    OpenApiCustomizer idempotencyKeyOnEveryWrite() {
        return openApi -> openApi.getPaths().forEach((path, item) -> {
            if (item.getPost() != null && !POSTS_WITHOUT_KEY.contains(path)) item.getPost().addParametersItem(key(true));
            for (Operation idempotentAnyway : new Operation[] {item.getPut(), item.getDelete()}) {
                if (idempotentAnyway != null) idempotentAnyway.addParametersItem(key(false));
            }
        });
    }

    private static HeaderParameter key(boolean required) {
        HeaderParameter key = new HeaderParameter();
        key.setName(IdempotencyFilter.KEY_HEADER);
        key.setRequired(required);
        key.setSchema(new StringSchema().minLength(1).maxLength(255));
        key.setDescription(required
                ? "Required. A new value (a UUID) per operation, the same on every retry of it. The same key with the same request "
                  + "returns the first answer (Idempotent-Replayed: true); with a different request 422 naming what differs; while the "
                  + "first is still running, the retry waits for its answer (409 after 2 s). Keys are kept 48 hours. A POST without a key is refused with 400, so no write is ever "
                  + "sent that cannot be retried safely."
                : "Optional: this operation is idempotent by itself; with a key its answer is also replayed to a retry.");
        return key;
    }
}
