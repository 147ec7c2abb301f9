package io.cutover.demo;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.cutover.plan.report.ReportFiles;
import io.cutover.testsupport.fakes.ReceivedMail;
import io.cutover.testsupport.fakes.ReceivedRequest;

/**
 * Drives a small day of trading through the legacy shop and shows every side effect it performed synchronously:
 * confirmation mails, loyalty points, stock reservations, warehouse notifications and the audit trail.
 */
final class ShopDemo {

    /** What the legacy path did, counted from the outside systems and the database themselves. */
    record Outcome(int mails, int warehouseNotifications, int loyaltyEntries, int auditRows, List<String> orderStatuses,
                   long customer, FlowWalk.Result walk, ReportFiles report) {
        Outcome with(FlowWalk.Result walk, ReportFiles report) {
            return new Outcome(mails, warehouseNotifications, loyaltyEntries, auditRows, orderStatuses, customer, walk,
                    report);
        }
    }

    private final DemoEnvironment env;
    private final PrintStream out;

    ShopDemo(DemoEnvironment env, PrintStream out) {
        this.env = env;
        this.out = out;
    }

    Outcome run() {
        ShopClient shop = new ShopClient(env.legacyAppUrl());
        section("customers and products");
        long ada = shop.createCustomer("Ada Lovelace", "ada@shop.test", "12 Analytical Row, London");
        long grace = shop.createCustomer("Grace Hopper", "grace@shop.test", "1 Cobol Lane, Arlington");
        long keyboard = shop.createProduct("KB-01", "Keyboard", new BigDecimal("49.90"), 10);
        long mouse = shop.createProduct("MS-02", "Mouse", new BigDecimal("19.95"), 5);
        long monitor = shop.createProduct("MN-03", "Monitor", new BigDecimal("189.00"), 2);
        out.printf("  customers %d (Ada), %d (Grace); products %d keyboard x10, %d mouse x5, %d monitor x2%n",
                ada, grace, keyboard, mouse, monitor);

        section("orders");
        List<Long> orders = new ArrayList<>();
        long first = step("Ada places keyboard + 2 mice", shop.placeOrder(ada,
                List.of(ShopClient.line(keyboard, 1), ShopClient.line(mouse, 2))), orders);
        step("confirm (mail, points, stock)", shop.confirm(first), null);
        step("ship (warehouse)", shop.ship(first), null);
        long second = step("Grace places a monitor", shop.placeOrder(grace, List.of(ShopClient.line(monitor, 1))), orders);
        step("confirm", shop.confirm(second), null);
        step("cancel (stock released)", shop.cancel(second), null);
        long third = step("Ada places a monitor", shop.placeOrder(ada, List.of(ShopClient.line(monitor, 1))), orders);
        step("confirm", shop.confirm(third), null);
        step("ship", shop.ship(third), null);
        long fourth = step("Grace places a mouse", shop.placeOrder(grace, List.of(ShopClient.line(mouse, 1))), orders);
        step("cancel while pending", shop.cancel(fourth), null);

        return report(shop, orders, List.of(keyboard, mouse, monitor), ada);
    }

    private long step(String what, JsonNode order, List<Long> placed) {
        long id = order.get("id").asLong();
        out.printf("  order %-4d %-32s -> %s%n", id, what, order.get("status").asText());
        if (placed != null) {
            placed.add(id);
        }
        return id;
    }

    private Outcome report(ShopClient shop, List<Long> orders, List<Long> products, long customer) {
        section("side effect 1: confirmation mails (fake SMTP server received)");
        List<ReceivedMail> mails = env.smtp.received();
        mails.forEach(mail -> out.printf("  to %-18s %s%n", String.join(",", mail.to()), mail.subject()));

        section("side effect 2: loyalty ledger");
        int loyalty = printRows("select customer_id, order_id, points from loyalty_ledger order by id",
                "  customer %s  order %s  %s points");

        section("side effect 3: stock (on hand / reserved)");
        for (long product : products) {
            JsonNode p = shop.product(product);
            out.printf("  %-8s on hand %-3s reserved %s%n", p.get("sku").asText(), p.get("stockOnHand").asText(),
                    p.get("stockReserved").asText());
        }

        section("side effect 4: warehouse notifications (fake warehouse received)");
        List<ReceivedRequest> notifications = env.warehouse.received();
        notifications.forEach(request -> out.printf("  %s %s %s%n", request.method(), request.path(), request.body()));

        section("side effect 5: audit trail");
        int audit = printRows("select entity, entity_id, action, coalesce(from_status, '-'), coalesce(to_status, '-')"
                + " from audit_log order by id", "  %-8s %-4s %-10s %s -> %s");

        section("Cutover: which path performed each firing (decision stamps written by the shop's shim)");
        int stamps = printRows("select flow, decision, count(*) from cutover.decision_stamp group by flow, decision"
                + " order by flow", "  %-24s %-7s %s firings");
        if (stamps == 0) {
            out.println("  none: every flow is on the legacy path, where the shim decides in memory and stamps nothing");
        }

        List<String> statuses = new ArrayList<>();
        printRows("select id, status from orders order by id", "  order %s %s", statuses);
        return new Outcome(mails.size(), notifications.size(), loyalty, audit, statuses, customer, null, null);
    }

    private int printRows(String sql, String format) {
        return printRows(sql, format, null);
    }

    /** Prints each row with {@code format}; when {@code collect} is given, collects rows quietly instead. */
    private int printRows(String sql, String format, List<String> collect) {
        try (Connection connection = env.legacyDatabase.connect();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            int count = 0;
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                Object[] values = new Object[columns];
                for (int i = 0; i < columns; i++) {
                    values[i] = rows.getString(i + 1);
                }
                String line = String.format(format, values);
                if (collect == null) {
                    out.println(line);
                } else {
                    collect.add(line.strip());
                }
                count++;
            }
            return count;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the legacy database: " + e.getMessage(), e);
        }
    }

    private void section(String title) {
        out.println();
        out.println("== " + title);
    }
}
