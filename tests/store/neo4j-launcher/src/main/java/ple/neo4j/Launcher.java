package ple.neo4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * A Neo4j Community server for the test suite: the real database and its Bolt server, on a
 * free loopback port, with authentication on.
 *
 * <p>Usage: {@code java -cp ... ple.neo4j.Launcher FOLDER PARENT_PID}, with the password of
 * the {@code neo4j} user in the environment variable {@code PLE_NEO4J_PASSWORD}. When the
 * server accepts connections it prints one line, {@code bolt://127.0.0.1:PORT}, on stdout
 * (everything else goes to stderr or to FOLDER/logs).
 *
 * <p>It stops at once when its standard input ends (the parent closed the pipe, or died: the
 * kernel closes a dead process's pipes) or when the process PARENT_PID is gone (in case the
 * pipe was inherited by another process), so a test run that is killed never leaves a Java
 * process behind. The data is a throwaway, so it halts without the clean shutdown, which
 * takes Neo4j about ten seconds; SIGTERM still shuts the database down cleanly.
 */
public final class Launcher {
    private static final String PASSWORD_VARIABLE = "PLE_NEO4J_PASSWORD";
    private static final long PARENT_CHECK_MILLIS = 500;

    private Launcher() {
    }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable failure) {
            // Neo4j's threads would keep a half-started JVM alive: stop it, and say why.
            failure.printStackTrace();
            Runtime.getRuntime().halt(1);
        }
    }

    private static void run(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: Launcher FOLDER PARENT_PID (password in $" + PASSWORD_VARIABLE + ")");
            System.exit(2);
        }
        String password = System.getenv(PASSWORD_VARIABLE);
        if (password == null || password.length() < 8) {
            System.err.println("set " + PASSWORD_VARIABLE + " to a password of at least 8 characters");
            System.exit(2);
        }
        long parent = Long.parseLong(args[1]);
        // stdout carries only the ready line; Neo4j's own messages go to stderr.
        PrintStream protocol = System.out;
        System.setOut(System.err);

        DatabaseManagementService service = new DatabaseManagementServiceBuilder(Path.of(args[0]))
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", 0))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(256))
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(service::shutdown, "neo4j-shutdown"));

        // The embedded API runs as the database itself, so it can set the first password.
        // Started again on the same folder (after a crash), the user has it already.
        GraphDatabaseService system = service.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        boolean initial = system.executeTransactionally(
                "SHOW USERS YIELD user, passwordChangeRequired WHERE user = 'neo4j' "
                        + "RETURN passwordChangeRequired",
                Map.of(), result -> result.hasNext() && (Boolean) result.next().get("passwordChangeRequired"));
        if (initial) {
            system.executeTransactionally("ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
        }

        GraphDatabaseAPI database = (GraphDatabaseAPI) service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        int port = database.getDependencyResolver().resolveDependency(ConnectorPortRegister.class)
                .getLocalAddress(ConnectorType.BOLT).getPort();

        Thread watchdog = new Thread(() -> watchParent(parent), "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        protocol.println("bolt://127.0.0.1:" + port);
        protocol.flush();

        InputStream input = System.in;
        byte[] buffer = new byte[256];
        while (input.read(buffer) >= 0) {
            // Nothing is expected on stdin; the loop only waits for its end.
        }
        Runtime.getRuntime().halt(0);
    }

    private static void watchParent(long pid) {
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            try {
                Thread.sleep(PARENT_CHECK_MILLIS);
            } catch (InterruptedException stopped) {
                return;
            }
        }
        Runtime.getRuntime().halt(0);
    }
}
