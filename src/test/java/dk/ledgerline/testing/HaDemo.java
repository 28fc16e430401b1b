package dk.ledgerline.testing;

import dk.ledgerline.Ledgerline;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code bin/run --ha}: Ledgerline with the demo company on a primary and a synchronous standby
 * ({@link PrimaryStandbyPair}, durable, made fresh in the folder given), and commands on standard
 * input to fail it over by hand: kill the primary, then promote the standby, as an HA manager would,
 * while using the app in the browser. Extra arguments go to the application.
 */
public final class HaDemo {
    private HaDemo() {}

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args.length > 0 ? args[0] : "data-ha").toAbsolutePath();
        int primaryPort = Integer.getInteger("ledgerline.ha.port", 25432);
        String opsToken = "ha-demo-" + UUID.randomUUID();
        try (PrimaryStandbyPair pair = PrimaryStandbyPair.start(folder.resolve("pg"), primaryPort, primaryPort + 1, true)) {
            List<String> arguments = new ArrayList<>(List.of("--ledgerline.data-dir=" + folder.resolve("app"), "--ledgerline.ops.token=" + opsToken,
                    "--logging.level.com.zaxxer.hikari=ERROR"));
            arguments.addAll(pair.applicationArguments());
            arguments.addAll(List.of(args).subList(Math.min(1, args.length), args.length));
            try (ConfigurableApplicationContext app = new SpringApplication(Ledgerline.class).run(arguments.toArray(String[]::new))) {
                System.out.printf("""

                        Ledgerline on a primary (port %d) and a synchronous standby (port %d), data in %s.
                        Operators' token: %s
                        Type a command and Enter:
                          kill     SIGKILL the primary: reads move to the standby, writes are refused after 3 s ("read-only for a moment")
                          promote  promote the standby: writes work again
                          quit     stop everything
                        %n""", primaryPort, primaryPort + 1, folder, opsToken);
                BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                boolean killed = false, promoted = false;
                for (String line; (line = input.readLine()) != null; ) {
                    switch (line.trim()) {
                        case "kill" -> {
                            if (killed) System.out.println("the primary is dead already");
                            else {
                                pair.killPrimary();
                                killed = true;
                                System.out.println("primary killed; reading from the standby now. Type promote to fail over.");
                            }
                        }
                        case "promote" -> {
                            if (!killed || promoted) System.out.println(promoted ? "the standby was promoted already" : "kill the primary first");
                            else {
                                pair.promoteStandby();
                                promoted = true;
                                System.out.println("standby promoted: it is the primary now (with no standby of its own).");
                            }
                        }
                        case "quit" -> {
                            return;
                        }
                        case "" -> { }
                        default -> System.out.println("kill, promote or quit");
                    }
                }
            }
        }
    }
}
