package io.cutover.sample.consumers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cutover.consumers.ConsumerRuntime;
import io.cutover.consumers.compare.EffectComparator;
import io.cutover.consumers.compare.FlowRules;
import io.cutover.consumers.compare.Outcome;
import io.cutover.flags.Decision;
import io.cutover.testsupport.fakes.FakeSmtpServer;
import io.cutover.testsupport.fakes.ReceivedMail;
import io.cutover.testsupport.postgres.Database;
import io.cutover.testsupport.postgres.WithPostgres;

@WithPostgres
class ConfirmationMailIT {
    private static final String FLOW = ConfirmationMail.FLOW;
    private static ShopFixture shop;
    private static FlowRules rules;
    private static FakeSmtpServer smtp;
    private long order;

    @BeforeAll
    static void schema(Database database) {
        shop = new ShopFixture(database);
        rules = ShopFixture.legacyComparatorRules().rulesFor(FLOW);
        smtp = FakeSmtpServer.start();
    }

    @AfterAll
    static void stopSmtp() {
        smtp.close();
    }

    @BeforeEach
    void anOrderWorth54_98() {
        shop.reset();
        smtp.reset();
        long customer = shop.customer("Ada Lovelace", "ada@shop.test", "12 Analytical Lane, London");
        long notebook = shop.product("NB-1", "Notebook", "12.49", 10);
        long pen = shop.product("PEN-2", "Fountain pen", "15.00", 5);
        order = shop.order(customer, ShopFixture.lines(notebook, 2, pen, 2));
    }

    private static ConsumerRuntime start(int smtpPort) {
        return shop.start(SampleConsumers.of(shop.dataSource, SampleConsumersConfig.custom()
                .smtp(smtp.host(), smtpPort).warehouse("http://127.0.0.1:1").build()).confirmationMail());
    }

    @Test
    void aNewStampSendsTheLegacyMailOverSmtpOnceWithAnIdempotencyKey() {
        shop.stamp(FLOW, String.valueOf(order), Decision.NEW);
        shop.append(shop.confirm(order));

        try (ConsumerRuntime runtime = start(smtp.port())) {
            shop.awaitDone(FLOW, 1);
            shop.awaitRedelivered(runtime, FLOW, 1);
        }
        assertThat(smtp.received()).hasSize(1);
        ReceivedMail mail = smtp.received().get(0);
        assertThat(mail.from()).isEqualTo("shop@legacy.test");
        assertThat(mail.to()).containsExactly("ada@shop.test");
        assertThat(mail.subject()).isEqualTo("Order " + order + " confirmed");
        // the wire form: CRLF line ends, and the body's last line end merges into SMTP's end-of-data marker
        assertThat(mail.body().replace("\r\n", "\n")).isEqualTo(("Dear Ada Lovelace,\n\n"
                + "thank you for your order " + order + ". We have confirmed it:\n\n"
                + "  2 x Notebook (NB-1) at 12.49 = 24.98\n"
                + "  2 x Fountain pen (PEN-2) at 15.00 = 30.00\n"
                + "\nTotal: 54.98\n\n"
                + "It will be shipped to:\n  12 Analytical Lane, London\n\n"
                + "Your legacy shop\n").stripTrailing());
        String key = shop.string("select idempotency_key from cutover.consumer_outbox");
        assertThat(mail.headers().get(ConfirmationMail.IDEMPOTENCY_HEADER)).isEqualTo(key);
        assertThat(mail.headers().get("Message-ID")).matches("<order-" + order + "\\.[0-9a-f-]{36}@legacy\\.test>");
        assertThat(shop.strings("select state || ' ' || attempts from cutover.consumer_outbox"))
                .containsExactly("COMPLETED 1");
    }

    @Test
    void aShadowStampSendsNothingAndRecordsTheLegacyDescriptorWhichTheComparatorMatches() {
        shop.stamp(FLOW, String.valueOf(order), Decision.SHADOW);
        shop.append(shop.confirm(order));

        try (ConsumerRuntime runtime = start(smtp.port())) {
            shop.awaitDone(FLOW, 1);
            shop.awaitRedelivered(runtime, FLOW, 1);
        }
        assertThat(smtp.received()).isEmpty();
        assertThat(shop.count("select count(*) from cutover.consumer_outbox")).isZero();
        // the legacy journal: {to, subject, sent}; the address in other case still matches (comparator's lowercase)
        String legacy = "{\"to\":\"Ada@Shop.test\",\"subject\":\"Order " + order + " confirmed\",\"sent\":true}";
        assertThat(shop.shadowEffect(FLOW, String.valueOf(order))).isEqualTo(shop.legacyDescriptor(
                legacy.replace("Ada@Shop.test", "ada@shop.test")));
        assertThat(EffectComparator.compare(shop.legacyDescriptor(legacy), shop.shadowEffect(FLOW, String.valueOf(order)),
                rules).outcome()).isEqualTo(Outcome.MATCH);
        // a mail the legacy path lost (sent: false) is a difference the comparator reports
        assertThat(EffectComparator.compare(shop.legacyDescriptor(legacy.replace("true", "false")),
                shop.shadowEffect(FLOW, String.valueOf(order)), rules).outcome()).isEqualTo(Outcome.MISMATCH);
    }

    @Test
    void anUnreachableMailServerIsRetriedThenDeadLetteredInsteadOfLosingTheMailSilently() {
        FakeSmtpServer gone = FakeSmtpServer.start();
        int closedPort = gone.port();
        gone.close();
        shop.stamp(FLOW, String.valueOf(order), Decision.NEW);
        shop.append(shop.confirm(order));

        try (ConsumerRuntime runtime = start(closedPort)) {
            await("the mail dead-lettered after its attempts").atMost(ShopFixture.PATIENCE)
                    .until(() -> runtime.deadLetters(FLOW).size() == 1);
            assertThat(runtime.deadLetters(FLOW).get(0).attempts()).isEqualTo(3);
        }
        // every attempt was recorded as an intent with the same key: a resend would be recognisable
        assertThat(shop.strings("select state || ' ' || attempts from cutover.consumer_outbox"))
                .containsExactly("INTENT 3");
    }
}
