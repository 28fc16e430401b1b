package dk.ledgerline.bench;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * HAProxy (Debian's) in front of the nodes, set up as production would: a health check on each
 * node's readiness every 0.5 s (out after 2 failures, in after 2 successes), a new connection to a
 * node per request (no reused connection that a stopping node may close under a request), a
 * request whose connection a node refused sent to the other node, and a node taken in again given
 * its share of requests gradually.
 */
final class LoadBalancer implements AutoCloseable {
    static final String INTERVAL = "500ms";
    static final int FALL = 2, RISE = 2;
    /** A node taken in again gets its share of requests over this long: its JIT is cold, its pool empty. */
    static final String SLOWSTART = "10s";

    private final Process process;
    private final int port;

    private LoadBalancer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static LoadBalancer start(Path work, int port, List<Integer> nodes) throws IOException, InterruptedException {
        StringBuilder config = new StringBuilder("""
                global
                    maxconn 4000
                defaults
                    mode http
                    timeout connect 1s
                    timeout check 2s
                    timeout client 60s
                    timeout server 60s
                    retries 3
                    option redispatch
                    option http-server-close
                frontend ledgerline
                    bind 127.0.0.1:%d
                    default_backend nodes
                backend nodes
                    balance roundrobin
                    option httpchk GET /actuator/health/readiness
                    http-check expect status 200
                    default-server inter %s fall %d rise %d slowstart %s
                """.formatted(port, INTERVAL, FALL, RISE, SLOWSTART));
        for (int i = 0; i < nodes.size(); i++) config.append("    server node").append(i + 1).append(" 127.0.0.1:").append(nodes.get(i)).append(" check\n");
        Path file = work.resolve("haproxy.cfg");
        Files.writeString(file, config);
        Process process = new ProcessBuilder("haproxy", "-db", "-f", file.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("haproxy.log").toFile())).start();
        for (int i = 0; i < 50; i++) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return new LoadBalancer(process, port);
            } catch (IOException notYet) {
                if (!process.isAlive()) break;
                Thread.sleep(100);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("HAProxy did not start; see " + work.resolve("haproxy.log"));
    }

    String url() {
        return "http://localhost:" + port;
    }

    @Override
    public void close() {
        process.destroy();
    }
}
