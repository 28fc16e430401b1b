package dk.ledgerline.identity.internal;

import dk.ledgerline.shared.TenantTransactions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration(proxyBeanMethods = false)
class IdentityConfiguration {
    private static final Logger log = LoggerFactory.getLogger(IdentityConfiguration.class);

    /**
     * The token signing key: {@code ledgerline.auth.signing-key} (base64, shared by every node),
     * or else a key kept in the data folder, so a single node's restart keeps everyone logged in.
     */
    @Bean
    TokenSigner tokenSigner(Environment env) {
        String configured = env.getProperty("ledgerline.auth.signing-key");
        if (configured != null && !configured.isBlank()) {
            return new TokenSigner(Base64.getDecoder().decode(configured.trim()));
        }
        Path file = Path.of(env.getProperty("ledgerline.data-dir", "./data")).resolve("signing.key");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                Files.writeString(file, Base64.getEncoder().encodeToString(key));
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // the folder's own permissions protect it
                }
                log.warn("Created a token signing key in {}; with more than one node set ledgerline.auth.signing-key on all of them", file.toAbsolutePath());
            }
            return new TokenSigner(Base64.getDecoder().decode(Files.readString(file).trim()));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or create the signing key " + file.toAbsolutePath(), e);
        }
    }

    /** Each user's sessions as this node last read them; read in a unit of work of its own. */
    @Bean
    Sessions sessions(IdentityStore store, TenantTransactions tenants, Clock clock) {
        return new Sessions(userId -> tenants.withoutTenant(() -> store.sessions(userId, clock.instant())), clock);
    }

    /** Argon2id with Spring Security's current defaults (16 MiB, 2 iterations): ~50 ms per login here. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    }
}
