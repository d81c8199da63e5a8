package lv.sargs.sandbox.ekase;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * eKase's online data exchange as the simulator speaks it (the wire protocol is unconfirmed):
 * HTTP Basic user and password, then {@code POST /payments} (manage users only), {@code GET
 * /payments/{MsgId}}, {@code POST /reports} (camt.060) and {@code GET /notifications?after=}.
 * The sandbox handles requests on the event loop: they are small and all state is in memory.
 */
final class EkaseHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final String XML = "application/xml";

    private final Map<String, SimUser> users;
    private final SimPayments payments;
    private final Ledger ledger;
    private final Replays replays;
    private final Clock clock;
    private final ZoneId zone;

    EkaseHandler(Map<String, SimUser> users, SimPayments payments, Ledger ledger, Replays replays, Clock clock,
                 ZoneId zone) {
        this.users = users;
        this.payments = payments;
        this.ledger = ledger;
        this.replays = replays;
        this.clock = clock;
        this.zone = zone;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        FullHttpResponse response = answer(request);
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpUtil.setKeepAlive(response, keepAlive);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        var written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A refused handshake or a reset is the client's problem, shown to it by the closed connection.
        ctx.close();
    }

    private FullHttpResponse answer(FullHttpRequest request) {
        Optional<SimUser> user = authenticate(request.headers().get(HttpHeaderNames.AUTHORIZATION));
        if (user.isEmpty()) {
            FullHttpResponse denied = text(HttpResponseStatus.UNAUTHORIZED, "unknown user or wrong password");
            denied.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Basic realm=\"eKase\"");
            return denied;
        }
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String path = uri.path();
        byte[] body = ByteBufUtil.getBytes(request.content());
        if (request.method() == HttpMethod.POST && path.equals("/payments")) {
            if (user.get().mode() != SimUser.Mode.MANAGE) {
                return text(HttpResponseStatus.FORBIDDEN, "user " + user.get().name() + " is in view mode");
            }
            return payment(user.get(), body);
        }
        if (request.method() == HttpMethod.GET && path.startsWith("/payments/")) {
            String msgId = URLDecoder.decode(path.substring("/payments/".length()), StandardCharsets.UTF_8);
            Optional<byte[]> captured = replays.get(Replays.Kind.STATUS, msgId);
            if (captured.isPresent()) {
                return xml(HttpResponseStatus.OK, captured.get());
            }
            return payments.get(msgId)
                    .map(p -> xml(HttpResponseStatus.OK, Pain002Writer.status(p, payments.status(p), clock.instant())))
                    .orElseGet(() -> text(HttpResponseStatus.NOT_FOUND, "no payment with MsgId " + msgId));
        }
        if (request.method() == HttpMethod.POST && path.equals("/reports")) {
            return report(body);
        }
        if (request.method() == HttpMethod.GET && path.equals("/notifications")) {
            Optional<byte[]> captured = replays.get(Replays.Kind.NOTIFICATIONS, null);
            if (captured.isPresent()) {
                return xml(HttpResponseStatus.OK, captured.get());
            }
            long after = Long.parseLong(uri.parameters().getOrDefault("after", List.of("0")).get(0));
            payments.settle();
            return xml(HttpResponseStatus.OK, CamtWriter.notifications(ledger, ledger.after(after, 100), clock.instant()));
        }
        return text(HttpResponseStatus.NOT_FOUND, "no such operation: " + request.method() + " " + path);
    }

    private FullHttpResponse payment(SimUser user, byte[] body) {
        SimPain001 read;
        try {
            read = SimPain001.read(body);
        } catch (SimXml.Refused e) {
            return xml(HttpResponseStatus.BAD_REQUEST, Pain002Writer.invalidFile("NOTPROVIDED", e.getMessage(),
                    clock.instant()));
        }
        List<ReceivedPayment.Batch> batches = read.batches();
        List<String> endToEndIds = read.endToEndIds();
        payments.countArrival(endToEndIds);
        String msgId = read.msgId();
        ReceivedPayment incoming = new ReceivedPayment(msgId, user.name(), batches, clock.instant(), null, null);
        SimPayments.Receipt receipt = payments.receive(incoming);
        ReceivedPayment kept = receipt.payment();
        return xml(receipt.duplicate() ? HttpResponseStatus.CONFLICT : HttpResponseStatus.ACCEPTED,
                Pain002Writer.status(kept, payments.status(kept), clock.instant()));
    }

    private FullHttpResponse report(byte[] body) {
        Element request;
        try {
            request = SimXml.child(SimXml.read(body, SimMessage.CAMT_060), "AcctRptgReq")
                    .flatMap(r -> SimXml.child(r, "RptgReq"))
                    .orElseThrow(() -> new SimXml.Refused("camt.060: Document/AcctRptgReq/RptgReq missing"));
        } catch (SimXml.Refused e) {
            return text(HttpResponseStatus.BAD_REQUEST, e.getMessage());
        }
        Optional<String> requested = SimXml.text(request, "ReqdMsgNmId");
        if (requested.isEmpty()) {
            return text(HttpResponseStatus.BAD_REQUEST, "camt.060: RptgReq/ReqdMsgNmId missing");
        }
        String kind = requested.get();
        String iban = SimXml.text(request, "Acct", "Id", "IBAN").orElse("");
        Replays.Kind asked = kind.equals(Replays.Kind.REPORT.message()) ? Replays.Kind.REPORT : Replays.Kind.STATEMENT;
        Optional<byte[]> captured = replays.get(asked, iban);
        if (captured.isPresent()) {
            return xml(HttpResponseStatus.OK, captured.get());
        }
        Optional<SimAccount> account = ledger.account(iban);
        if (account.isEmpty()) {
            return text(HttpResponseStatus.NOT_FOUND, "no account " + iban);
        }
        LocalDate today = LocalDate.now(clock.withZone(zone));
        LocalDate day;
        try {
            day = SimXml.text(request, "RptgPrd", "FrToDt", "FrDt").map(LocalDate::parse).orElse(today);
        } catch (java.time.format.DateTimeParseException e) {
            return text(HttpResponseStatus.BAD_REQUEST, "camt.060: RptgReq/RptgPrd/FrToDt/FrDt (expected: YYYY-MM-DD)");
        }
        payments.settle();
        if (kind.equals(SimMessage.CAMT_052.id())) {
            LocalTime from;
            LocalTime to;
            try {
                from = ReportTimes.local(SimXml.text(request, "RptgPrd", "FrToTm", "FrTm"), "FrTm", today, zone)
                        .orElse(LocalTime.MIN);
                to = ReportTimes.local(SimXml.text(request, "RptgPrd", "FrToTm", "ToTm"), "ToTm", today, zone)
                        .orElse(LocalTime.MAX);
            } catch (SimXml.Refused e) {
                return text(HttpResponseStatus.BAD_REQUEST, e.getMessage());
            }
            // A ToTm in whole seconds covers that whole second.
            to = to.getNano() == 0 && !to.equals(LocalTime.MAX) ? to.plusNanos(999_999_999) : to;
            return xml(HttpResponseStatus.OK, CamtWriter.report(ledger, account.get(), today, from, to, clock.instant()));
        }
        if (kind.equals(SimMessage.CAMT_053.id())) {
            if (!day.isBefore(today) || day.isBefore(ledger.firstDay())) {
                return text(HttpResponseStatus.BAD_REQUEST, "no closed day " + day);
            }
            return xml(HttpResponseStatus.OK, CamtWriter.statement(ledger, account.get(), day, clock.instant()));
        }
        return text(HttpResponseStatus.BAD_REQUEST, "unsupported report " + kind);
    }

    private Optional<SimUser> authenticate(String header) {
        if (header == null || !header.startsWith("Basic ")) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        SimUser user = users.get(decoded.substring(0, colon));
        return user != null && user.passwordMatches(decoded.substring(colon + 1).toCharArray())
                ? Optional.of(user) : Optional.empty();
    }

    private static FullHttpResponse xml(HttpResponseStatus status, byte[] body) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, XML + "; charset=UTF-8");
        return r;
    }

    private static FullHttpResponse text(HttpResponseStatus status, String message) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(message, StandardCharsets.UTF_8));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8");
        return r;
    }
}
