package dk.ledgerline.identity;

import dk.ledgerline.identity.internal.IdentityChanges;
import dk.ledgerline.identity.internal.IdentityStore;
import dk.ledgerline.identity.internal.Memberships;
import dk.ledgerline.identity.internal.Sessions;
import dk.ledgerline.identity.internal.TokenSigner;
import dk.ledgerline.shared.CompanyCreated;
import dk.ledgerline.shared.ProblemException;
import dk.ledgerline.shared.ProblemException.FieldError;
import dk.ledgerline.shared.ProblemException.Message;
import dk.ledgerline.shared.TenantTransactions;
import dk.ledgerline.shared.UnitOfWork;
import dk.ledgerline.shared.VatPeriodType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** Users, companies (the tenants), memberships, and the tokens that prove who is calling. */
@Service
public class Identity {
    /** A working day plus slack: an API client fetches a new token daily. */
    public static final Duration API_TOKEN_LIFETIME = Duration.ofHours(24);
    /** A browser session; renewed while in use, so only an idle browser is logged out. */
    public static final Duration SESSION_LIFETIME = Duration.ofHours(12);
    /** NIST SP 800-63B asks for at least 8; we ask a little more. The maximum bounds hashing work. */
    static final int PASSWORD_LENGTH_MIN = 10;
    static final int PASSWORD_LENGTH_MAX = 200;
    static final int NAME_LENGTH_MAX = 200;
    /** RFC 5321 path limit. */
    static final int EMAIL_LENGTH_MAX = 254;
    /** Hashing a password costs ~50 ms of a core; bound how many run at once so logins cannot starve posting. */
    static final int CONCURRENT_HASHES_MAX = 4;
    /** Queueing for a hash slot longer than this means the node is overloaded with logins. */
    static final Duration HASHING_WAIT = Duration.ofSeconds(3);

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final IdentityStore store;
    private final Memberships memberships;
    private final Sessions sessions;
    private final IdentityChanges changes;
    private final UnitOfWork units;
    private final TenantTransactions tenants;
    private final PasswordEncoder passwords;
    private final TokenSigner tokens;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Semaphore hashing = new Semaphore(CONCURRENT_HASHES_MAX);
    private final String dummyHash;

    Identity(IdentityStore store, Memberships memberships, Sessions sessions, IdentityChanges changes, UnitOfWork units, TenantTransactions tenants, PasswordEncoder passwords, TokenSigner tokens,
             ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.memberships = memberships;
        this.sessions = sessions;
        this.changes = changes;
        this.units = units;
        this.tenants = tenants;
        this.passwords = passwords;
        this.tokens = tokens;
        this.events = events;
        this.clock = clock;
        this.dummyHash = passwords.encode("a password nobody has, hashed for timing");
    }

    /** {@code language}: the one the user reads the pages in. */
    public record User(long id, String email, String name, dk.ledgerline.shared.Language language) {}

    /** The user's own choice of language for the pages. */
    public void setLanguage(long userId, dk.ledgerline.shared.Language language) {
        tenants.withoutTenant(() -> {
            store.updateLanguage(userId, language);
            return null;
        });
    }

    /** {@code userId}: whose it is, for what the caller does next (a login sets the user's language). */
    public record IssuedToken(String token, Instant expiresAt, long userId) {}

    public User register(String email, String password, String name) {
        List<FieldError> errors = new ArrayList<>();
        String normalizedEmail = normalized(email);
        if (normalizedEmail.length() > EMAIL_LENGTH_MAX || !EMAIL.matcher(normalizedEmail).matches()) {
            errors.add(FieldError.of("email", "email.invalid", EMAIL_LENGTH_MAX));
        }
        if (password == null || password.length() < PASSWORD_LENGTH_MIN || password.length() > PASSWORD_LENGTH_MAX) {
            errors.add(FieldError.of("password", "length.between", PASSWORD_LENGTH_MIN, PASSWORD_LENGTH_MAX));
        }
        if (name == null || name.isBlank() || name.length() > NAME_LENGTH_MAX) {
            errors.add(FieldError.of("name", "length.between", 1, NAME_LENGTH_MAX));
        }
        if (!errors.isEmpty()) throw ProblemException.unprocessable(Message.of("user.notCreated"), errors);
        String hash = hash(password);
        return tenants.withoutTenant(() -> {
            Optional<Long> id = store.insertUser(normalizedEmail, name.trim(), hash, clock.instant());
            if (id.isEmpty()) {
                throw new ProblemException(409, "E-mail already registered", Message.of("user.exists", normalizedEmail), List.of());
            }
            return new User(id.get(), normalizedEmail, name.trim(), dk.ledgerline.shared.Language.DEFAULT);
        });
    }

    /** Checks the password; empty when the e-mail is unknown or the password wrong (we do not say which). */
    public Optional<IssuedToken> authenticate(String email, String password, Duration lifetime) {
        if (email == null || password == null || password.length() > PASSWORD_LENGTH_MAX) return Optional.empty();
        String normalizedEmail = normalized(email);
        Optional<IdentityStore.Credentials> credentials = tenants.withoutTenant(() -> store.credentials(normalizedEmail));
        boolean matches = withHashingPermit(() -> {
            if (credentials.isEmpty()) {
                // spend the same time on unknown e-mails, so timing does not tell which exist
                passwords.matches(password, dummyHash);
                return false;
            }
            return passwords.matches(password, credentials.get().passwordHash());
        });
        if (!matches) return Optional.empty();
        return Optional.of(issue(credentials.get().userId(), clock.instant(), lifetime));
    }

    /**
     * The caller of a signed token whose session has not ended. Its signature and expiry are checked
     * in memory; whether it was ended comes from this node's memory of the user's sessions (see
     * {@link Sessions}: an ending on another node counts within {@link Sessions#FRESH_FOR}).
     */
    public Optional<Principal> verify(String token) {
        return tokens.verify(token, clock.instant()).filter(sessions::lets);
    }

    /** A new browser session for a user who proved who they are in some other way (a replayed sign-up). */
    public IssuedToken startSession(long userId) {
        return issue(userId, clock.instant(), SESSION_LIFETIME);
    }

    /** A fresh token of the same session: logging out later ends this one and the one it renews. */
    public IssuedToken renew(Principal principal, Duration lifetime) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(lifetime);
        return new IssuedToken(tokens.issue(principal.userId(), now, expiresAt, principal.tokenId()), expiresAt, principal.userId());
    }

    /**
     * Logging out: this token's session ends, on this node at once, on the others when they hear of
     * it (within {@link Sessions#FRESH_FOR} if the message is lost).
     */
    public void endSession(Principal principal) {
        tenants.withoutTenant(() -> {
            store.endSession(principal.userId(), principal.tokenId(), principal.expiresAt(), clock.instant());
            sessionsChanged(principal.userId());
            return null;
        });
    }

    /** Every session and API token of the user ends: theirs to ask for, or an operator's for them. */
    public void endAllSessions(long userId) {
        tenants.withoutTenant(() -> {
            store.endAllSessions(userId, nowInMillis());
            sessionsChanged(userId);
            return null;
        });
    }

    /** An operator's "end all sessions" for the user with this e-mail; false when nobody has it. */
    public boolean endAllSessionsOf(String email) {
        Optional<Long> userId = tenants.withoutTenant(() -> store.credentials(normalized(email))).map(IdentityStore.Credentials::userId);
        userId.ifPresent(this::endAllSessions);
        return userId.isPresent();
    }

    /**
     * A new password, given the current one; every session and token of the user ends, and the
     * caller gets a new token of {@code lifetime} so that they stay logged in where they changed it.
     */
    public IssuedToken changePassword(Principal principal, String currentPassword, String newPassword, Duration lifetime) {
        if (newPassword == null || newPassword.length() < PASSWORD_LENGTH_MIN || newPassword.length() > PASSWORD_LENGTH_MAX) {
            throw ProblemException.unprocessable(Message.of("password.notChanged"),
                    List.of(FieldError.of("newPassword", "length.between", PASSWORD_LENGTH_MIN, PASSWORD_LENGTH_MAX)));
        }
        String stored = tenants.withoutTenant(() -> store.passwordHash(principal.userId()))
                .orElseThrow(() -> ProblemException.notFound(Message.of("user.notFound", principal.userId())));
        boolean matches = currentPassword != null && currentPassword.length() <= PASSWORD_LENGTH_MAX
                && withHashingPermit(() -> passwords.matches(currentPassword, stored));
        if (!matches) {
            throw ProblemException.unprocessable(Message.of("password.notChanged"), List.of(FieldError.of("currentPassword", "password.notCurrent")));
        }
        String hash = hash(newPassword);
        Instant now = nowInMillis();
        tenants.withoutTenant(() -> {
            store.changePassword(principal.userId(), hash, now);
            sessionsChanged(principal.userId());
            return null;
        });
        return issue(principal.userId(), now, lifetime);
    }

    /** A token of a new session, issued at {@code now}. */
    private IssuedToken issue(long userId, Instant now, Duration lifetime) {
        Instant expiresAt = now.plus(lifetime);
        return new IssuedToken(tokens.issue(userId, now, expiresAt), expiresAt, userId);
    }

    /** A secret for {@code purpose}, the same on every node that shares the token signing key. */
    public byte[] secretFor(String purpose) {
        return tokens.derive(purpose);
    }

    /** A platform operator (Ledgerline's own staff) sees the operators' pages; no company role gives that. */
    public boolean isPlatformOperator(long userId) {
        return tenants.withoutTenant(() -> store.isPlatformOperator(userId));
    }

    /** Granted and taken back only through the operators' API; false when nobody has the e-mail. */
    public boolean setPlatformOperator(String email, boolean operator) {
        return tenants.withoutTenant(() -> store.setPlatformOperator(normalized(email), operator));
    }

    public Optional<User> user(long userId) {
        return tenants.withoutTenant(() -> store.user(userId));
    }

    public Company createCompany(long userId, String name, String cvr, VatPeriodType vatPeriod, Integer fiscalYearStartMonth) {
        List<FieldError> errors = new ArrayList<>();
        if (name == null || name.isBlank() || name.length() > NAME_LENGTH_MAX) {
            errors.add(FieldError.of("name", "length.between", 1, NAME_LENGTH_MAX));
        }
        Message cvrProblem = Cvr.problem(cvr);
        if (cvrProblem != null) errors.add(new FieldError("cvr", cvrProblem.english(), cvrProblem));
        if (vatPeriod == null) errors.add(FieldError.of("vatPeriod", "company.vatPeriod"));
        int startMonth = fiscalYearStartMonth == null ? 1 : fiscalYearStartMonth;
        if (startMonth < 1 || startMonth > 12) errors.add(FieldError.of("fiscalYearStartMonth", "company.startMonth"));
        if (!errors.isEmpty()) throw ProblemException.unprocessable(Message.of("company.notCreated"), errors);
        long companyId = tenants.withoutTenant(store::nextCompanyId);
        return tenants.inCompany(companyId, () -> {
            store.insertCompany(companyId, name.trim(), cvr, vatPeriod, startMonth, userId, clock.instant());
            store.insertMembership(companyId, userId, Role.OWNER, clock.instant());
            events.publishEvent(new CompanyCreated(companyId, startMonth, LocalDate.now(clock), userId));
            return new Company(companyId, name.trim(), cvr, vatPeriod, startMonth, Role.OWNER);
        });
    }

    public List<Company> companies(long userId) {
        return tenants.asUser(userId, () -> store.companiesOf(userId));
    }

    /** The caller's access to a company, or empty when they are not a member (answered as 404, not 403). */
    public Optional<CompanyAccess> access(long userId, long companyId) {
        return memberships.role(userId, companyId, () -> tenants.asUser(userId, () -> store.role(companyId, userId)))
                .map(role -> new CompanyAccess(companyId, userId, role));
    }

    public Company company(CompanyAccess access) {
        return tenants.readInCompany(access.companyId(), () -> store.company(access.companyId(), access.role()))
                .orElseThrow(() -> ProblemException.notFound(Message.of("company.notFound", access.companyId())));
    }

    /** How often the company files VAT; the VAT module asks, the company record owns it. */
    public VatPeriodType vatPeriod(long companyId) {
        return tenants.readInCompany(companyId, () -> store.company(companyId, Role.VIEWER))
                .map(Company::vatPeriod)
                .orElseThrow(() -> ProblemException.notFound(Message.of("company.notFound", companyId)));
    }

    public record Member(long userId, String email, String name, Role role) {}

    public List<Member> members(CompanyAccess access) {
        return tenants.readInCompany(access.companyId(), () -> store.members(access.companyId()));
    }

    /** Adds an existing user to the company, or changes their role. */
    public Member addMember(CompanyAccess access, String email, Role role) {
        access.requireOwner();
        if (role == null) throw ProblemException.unprocessable(Message.of("member.notAdded"), List.of(FieldError.of("role", "member.role")));
        String normalizedEmail = normalized(email);
        IdentityStore.Credentials user = tenants.withoutTenant(() -> store.credentials(normalizedEmail))
                .orElseThrow(() -> ProblemException.unprocessable(Message.of("member.notAdded"),
                        List.of(FieldError.of("email", "member.unknownEmail", normalizedEmail))));
        return tenants.inCompany(access.companyId(), () -> {
            if (role != Role.OWNER) keepAnOwnerBeside(access.companyId(), user.userId(), "role", Message.of("member.notChanged"));
            store.upsertMembership(access.companyId(), user.userId(), role, clock.instant());
            membershipChanged(user.userId(), access.companyId());
            return store.members(access.companyId()).stream().filter(m -> m.userId() == user.userId()).findFirst().orElseThrow();
        });
    }

    /**
     * Takes the user out of the company; their requests to it are refused on this node at once, on
     * the others when they hear of it (within {@link Memberships#FRESH_FOR} if the message is lost).
     * The last owner stays. False when the user was no member.
     */
    public boolean removeMember(CompanyAccess access, long userId) {
        access.requireOwner();
        return tenants.inCompany(access.companyId(), () -> {
            keepAnOwnerBeside(access.companyId(), userId, "userId", Message.of("member.notRemoved"));
            if (!store.deleteMembership(access.companyId(), userId)) return false;
            membershipChanged(userId, access.companyId());
            return true;
        });
    }

    /**
     * Refuses a change that would leave the company without an owner. The owners' rows are locked
     * first, so two owners removing each other at once cannot both succeed.
     */
    private void keepAnOwnerBeside(long companyId, long userId, String field, Message title) {
        List<Long> owners = store.lockOwners(companyId);
        if (owners.size() == 1 && owners.getFirst() == userId) {
            throw ProblemException.unprocessable(title, List.of(FieldError.of(field, "member.lastOwner")));
        }
    }

    /** Inside the unit that changed them: every node hears of it, this one forgets its memory once committed. */
    private void sessionsChanged(long userId) {
        changes.sessionsChanged(userId);
        units.afterCommit(() -> sessions.forget(userId));
    }

    private void membershipChanged(long userId, long companyId) {
        memberships.forget(userId, companyId);
        changes.membershipChanged(userId, companyId);
        // and again once committed, in case a request read the old role from the database meanwhile
        units.afterCommit(() -> memberships.forget(userId, companyId));
    }

    /** E-mail addresses are kept trimmed and in lower case; none is the empty one, which no user has. */
    private static String normalized(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }

    /** Tokens carry their issue time in milliseconds: a token issued right after sessions ended must not count as issued before. */
    private Instant nowInMillis() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private String hash(String password) {
        return withHashingPermit(() -> passwords.encode(password));
    }

    private <T> T withHashingPermit(Supplier<T> work) {
        try {
            if (!hashing.tryAcquire(HASHING_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ProblemException(503, "Busy", "too many logins at once; try again in a moment");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(503, "Busy", "interrupted while waiting to check the password");
        }
        try {
            return work.get();
        } finally {
            hashing.release();
        }
    }
}
