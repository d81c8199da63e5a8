package lv.sargs.sandbox.ekase;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;
import lv.sargs.sandbox.server.AddressBlock;
import lv.sargs.sandbox.fault.FaultHandler;
import lv.sargs.sandbox.fault.Faults;
import lv.sargs.sandbox.fault.ServerCertificateMode;
import lv.sargs.sandbox.server.CallCounter;
import lv.sargs.testkit.HeldCertificate;
import org.tinylog.Logger;

/**
 * The sandbox eKase: HTTPS on 127.0.0.1 (port 0 by default) requiring a client certificate
 * issued by the Treasury's CA, a registered source address, and a user with its one mode; it
 * takes pain.001.001.03, answers pain.002.001.03 statuses that move on with the clock, and
 * serves camt.052/053/054 from one ledger in which booked payments appear. Counters let tests
 * prove that no payment arrived twice; the sandbox's fault plans apply per endpoint
 * ({@link #ENDPOINTS}, see {@link #faults()}).
 */
public final class EkaseSimulator implements AutoCloseable {

    /**
     * How a simulator runs.
     *
     * @param serverCertificate the simulator's server certificate (SAN 127.0.0.1)
     * @param clientCa the Treasury CA whose client certificates are accepted
     * @param sources registered source blocks; any other peer is disconnected before TLS
     * @param users the registered users
     * @param accounts the ledger's accounts
     * @param closedAccounts creditor IBANs whose payments are rejected AC04
     * @param acceptAfter how long a payment stays RCVD
     * @param bookAfter when after receipt an accepted payment is booked (ACSC)
     * @param clock the simulator's clock
     * @param expiredCertificate presented while the fault controls ask for {@code EXPIRED}; null: none
     * @param untrustedCertificate presented while they ask for {@code UNTRUSTED}; null: none
     */
    public record Settings(HeldCertificate serverCertificate, X509Certificate clientCa, List<AddressBlock> sources,
                           List<SimUser> users, List<SimAccount> accounts, Set<String> closedAccounts,
                           Duration acceptAfter, Duration bookAfter, Clock clock, HeldCertificate expiredCertificate,
                           HeldCertificate untrustedCertificate) {

        public Settings {
            sources = List.copyOf(sources);
            users = List.copyOf(users);
            accounts = List.copyOf(accounts);
            closedAccounts = Set.copyOf(closedAccounts);
        }

        /** Loopback only, default accounts, statuses moving every 100/200 ms. */
        public static Settings loopback(HeldCertificate server, X509Certificate clientCa, List<SimUser> users) {
            return new Settings(server, clientCa, List.of(AddressBlock.parse("127.0.0.1/32")), users, SimAccount.DEFAULTS,
                    Set.of(), Duration.ofMillis(100), Duration.ofMillis(200), Clock.systemUTC(), null, null);
        }

        /** A copy with these registered sources. */
        public Settings withSources(List<AddressBlock> registered) {
            return new Settings(serverCertificate, clientCa, registered, users, accounts, closedAccounts, acceptAfter,
                    bookAfter, clock, expiredCertificate, untrustedCertificate);
        }

        /** A copy whose statuses move on by {@code time} (e.g. a test's settable clock). */
        public Settings withClock(Clock time) {
            return new Settings(serverCertificate, clientCa, sources, users, accounts, closedAccounts, acceptAfter,
                    bookAfter, time, expiredCertificate, untrustedCertificate);
        }

        /** A copy rejecting payments to these creditor IBANs with AC04. */
        public Settings withClosedAccounts(Set<String> closed) {
            return new Settings(serverCertificate, clientCa, sources, users, accounts, closed, acceptAfter, bookAfter,
                    clock, expiredCertificate, untrustedCertificate);
        }

        /** A copy that can present these certificates when the fault controls switch the server certificate. */
        public Settings withFaultCertificates(HeldCertificate expired, HeldCertificate untrusted) {
            return new Settings(serverCertificate, clientCa, sources, users, accounts, closedAccounts, acceptAfter,
                    bookAfter, clock, expired, untrusted);
        }
    }

    /** The endpoints fault plans can be set for: POST /payments, GET /payments/{MsgId}, POST /reports, GET /notifications. */
    public static final Set<String> ENDPOINTS = Set.of("payments", "payment-status", "reports", "notifications");
    /** Requests to no known operation (eKase answers 404): only a plan set for all endpoints applies. */
    private static final String OTHER = "other";
    private static final ZoneId RIGA = ZoneId.of("Europe/Riga");

    private final EventLoopGroup group;
    private final Channel server;
    private final SourceFilter sourceFilter;
    private final SimPayments payments;
    private final Ledger ledger;
    private final Map<String, SimUser> users;
    private final Faults faults;
    private final CallCounter calls;
    private final Replays replays;

    private EkaseSimulator(EventLoopGroup group, Channel server, SourceFilter sourceFilter, SimPayments payments,
                           Ledger ledger, Map<String, SimUser> users, Faults faults, CallCounter calls,
                           Replays replays) {
        this.group = group;
        this.server = server;
        this.sourceFilter = sourceFilter;
        this.payments = payments;
        this.ledger = ledger;
        this.users = users;
        this.faults = faults;
        this.calls = calls;
        this.replays = replays;
    }

    /** Starts a simulator on 127.0.0.1, port 0. */
    public static EkaseSimulator start(Settings settings) throws InterruptedException, SSLException {
        Map<ServerCertificateMode, SslContext> tls = new EnumMap<>(ServerCertificateMode.class);
        tls.put(ServerCertificateMode.VALID, context(settings.serverCertificate(), settings.clientCa()));
        if (settings.expiredCertificate() != null) {
            tls.put(ServerCertificateMode.EXPIRED, context(settings.expiredCertificate(), settings.clientCa()));
        }
        if (settings.untrustedCertificate() != null) {
            tls.put(ServerCertificateMode.UNTRUSTED, context(settings.untrustedCertificate(), settings.clientCa()));
        }
        Ledger ledger = new Ledger(settings.accounts(), LocalDate.now(settings.clock().withZone(RIGA)));
        SimPayments payments = new SimPayments(ledger, settings.clock(), RIGA, settings.acceptAfter(),
                settings.bookAfter(), settings.closedAccounts());
        // Concurrent: users registered while running (register) are seen by the handlers at once.
        Map<String, SimUser> users = settings.users().stream()
                .collect(Collectors.toConcurrentMap(SimUser::name, Function.identity()));
        Replays replays = new Replays();
        SourceFilter sourceFilter = new SourceFilter(settings.sources());
        Faults faults = new Faults(ENDPOINTS);
        CallCounter calls = new CallCounter();
        EkaseCalls counting = new EkaseCalls(calls);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            // The certificate mode is read per connection, so a switch applies to new handshakes.
                            ServerCertificateMode mode = faults.serverCertificate();
                            SslContext identity = tls.get(mode);
                            if (identity == null) {
                                Logger.warn("ekase: no {} server certificate configured (Settings.withFaultCertificates);"
                                        + " closing the connection", mode);
                                ch.close();
                                return;
                            }
                            // Source check first: an unregistered peer never reaches the TLS handshake.
                            ch.pipeline().addLast("source", sourceFilter)
                                    .addLast("tls", identity.newHandler(ch.alloc()))
                                    .addLast("http", new HttpServerCodec())
                                    .addLast("aggregate", new HttpObjectAggregator(SimXml.MAX_BYTES))
                                    // Counted before faults: a call that a fault spoils was still made.
                                    .addLast("calls", counting)
                                    .addLast("faults", new FaultHandler(faults, EkaseSimulator::endpointOf))
                                    .addLast("ekase", new EkaseHandler(users, payments, ledger, replays,
                                            settings.clock(), RIGA));
                        }
                    })
                    .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
            return new EkaseSimulator(group, server, sourceFilter, payments, ledger, users, faults, calls, replays);
        } catch (InterruptedException | RuntimeException e) {
            group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
            throw e;
        }
    }

    private static SslContext context(HeldCertificate identity, X509Certificate clientCa) throws SSLException {
        return SslContextBuilder.forServer(identity.keyPair().getPrivate(),
                        identity.chain().toArray(new X509Certificate[0]))
                .trustManager(clientCa).clientAuth(ClientAuth.REQUIRE)
                .protocols("TLSv1.3", "TLSv1.2").build();
    }

    /** The endpoint name of a request, as fault plans are keyed. */
    static String endpointOf(HttpRequest request) {
        String uri = request.uri();
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        if (request.method() == HttpMethod.POST) {
            return path.equals("/payments") ? "payments" : path.equals("/reports") ? "reports" : OTHER;
        }
        if (request.method() == HttpMethod.GET) {
            return path.startsWith("/payments/") ? "payment-status" : path.equals("/notifications") ? "notifications"
                    : OTHER;
        }
        return OTHER;
    }

    /**
     * The fault controls, settable while running: a plan per endpoint of {@link #ENDPOINTS}, and the
     * server certificate of new handshakes (an expired or untrusted one only if the settings have it;
     * without it, new connections are closed).
     */
    public Faults faults() {
        return faults;
    }

    /** The captured documents answered instead of the simulator's own ({@code docs/sandbox.md}, replay). */
    public Replays replays() {
        return replays;
    }

    /** Requests received per endpoint (an unknown operation counts as {@code other}), faulted ones included. */
    public CallCounter calls() {
        return calls;
    }

    /** Registers (or replaces) a user while running, as the Treasury registers a new eKase user. */
    public void register(SimUser user) {
        users.put(user.name(), user);
    }

    /** The port bound on 127.0.0.1. */
    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** {@code https://127.0.0.1:<port>}. */
    public URI uri() {
        return URI.create("https://127.0.0.1:" + port());
    }

    /** How many schema-valid pain.001 documents carrying {@code endToEndId} arrived, repeats included. */
    public int arrivals(String endToEndId) {
        return payments.arrivals(endToEndId);
    }

    /** How many distinct MsgIds were received. */
    public int distinctPayments() {
        return payments.distinctPayments();
    }

    /** How many ledger entries book {@code endToEndId} (debit, plus credit for an internal transfer). */
    public int bookings(String endToEndId) {
        payments.settle();
        return ledger.entriesFor(endToEndId).size();
    }

    /** Connections closed because their source was not registered. */
    public int refusedConnections() {
        return sourceFilter.refused();
    }

    /** Stops listening and closes every connection. */
    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
