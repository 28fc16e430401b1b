package dk.ledgerline.bench;

/**
 * The app's own view of a window, from its Prometheus endpoint: how long requests waited for a
 * database connection, how long they held one, and how long the server spent on each posting.
 * Read once at each end of the window, so it adds two requests, not a polling load.
 */
record ServerMetrics(double poolSizeMax, double acquireCount, double acquireSeconds, double usageCount, double usageSeconds,
                     double connectionTimeouts, double postCount, double postSeconds) {

    static final String VOUCHERS_URI = "uri=\"/api/v1/companies/{companyId}/vouchers\"";

    static ServerMetrics parse(String prometheus) {
        double poolMax = 0, acquireCount = 0, acquireSum = 0, usageCount = 0, usageSum = 0, timeouts = 0, postCount = 0, postSum = 0;
        for (String line : prometheus.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) continue;
            int space = line.lastIndexOf(' ');
            if (space < 0) continue;
            String name = line.substring(0, space);
            double value;
            try {
                value = Double.parseDouble(line.substring(space + 1));
            } catch (NumberFormatException e) {
                continue;
            }
            if (!name.contains("pool=\"ledgerline\"") && !name.startsWith("http_server_requests")) continue;
            if (name.startsWith("hikaricp_connections_max{")) poolMax = value;
            else if (name.startsWith("hikaricp_connections_acquire_seconds_count{")) acquireCount = value;
            else if (name.startsWith("hikaricp_connections_acquire_seconds_sum{")) acquireSum = value;
            else if (name.startsWith("hikaricp_connections_usage_seconds_count{")) usageCount = value;
            else if (name.startsWith("hikaricp_connections_usage_seconds_sum{")) usageSum = value;
            else if (name.startsWith("hikaricp_connections_timeout_total{")) timeouts = value;
            else if (name.contains("method=\"POST\"") && name.contains(VOUCHERS_URI)) {
                if (name.startsWith("http_server_requests_seconds_count{")) postCount += value;
                else if (name.startsWith("http_server_requests_seconds_sum{")) postSum += value;
            }
        }
        return new ServerMetrics(poolMax, acquireCount, acquireSum, usageCount, usageSum, timeouts, postCount, postSum);
    }

    /** The window between two readings; pool size is a setting, so it is the later reading's. */
    ServerMetrics since(ServerMetrics earlier) {
        return new ServerMetrics(poolSizeMax, acquireCount - earlier.acquireCount, acquireSeconds - earlier.acquireSeconds,
                usageCount - earlier.usageCount, usageSeconds - earlier.usageSeconds, connectionTimeouts - earlier.connectionTimeouts,
                postCount - earlier.postCount, postSeconds - earlier.postSeconds);
    }

    double acquireMsMean() {
        return acquireCount > 0 ? 1000 * acquireSeconds / acquireCount : 0;
    }

    double usageMsMean() {
        return usageCount > 0 ? 1000 * usageSeconds / usageCount : 0;
    }

    double postMsMean() {
        return postCount > 0 ? 1000 * postSeconds / postCount : 0;
    }

    /** Little's law: connection-seconds held per second of window is the mean number of connections in use. */
    double connectionsInUseMean(double windowSeconds) {
        return windowSeconds > 0 ? usageSeconds / windowSeconds : 0;
    }
}
