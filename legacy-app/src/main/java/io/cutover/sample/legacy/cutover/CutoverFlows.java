package io.cutover.sample.legacy.cutover;

import java.util.List;

/**
 * The shop's five synchronous side effects as Cutover flows, and how one firing of each is keyed: an order can
 * confirm once, so its id identifies the mail, the points and the warehouse call; stock and audit fire on several
 * transitions of the same order, so their key adds the transition.
 */
public final class CutoverFlows {

    public static final String CONFIRMATION_MAIL = "confirmation-mail";
    public static final String LOYALTY_POINTS = "loyalty-points";
    public static final String STOCK_RESERVATION = "stock-reservation";
    public static final String WAREHOUSE_NOTIFICATION = "warehouse-notification";
    public static final String ORDER_AUDIT = "order-audit";

    public static final List<String> ALL = List.of(CONFIRMATION_MAIL, LOYALTY_POINTS, STOCK_RESERVATION,
            WAREHOUSE_NOTIFICATION, ORDER_AUDIT);

    private CutoverFlows() {
    }

    public static String orderKey(long orderId) {
        return String.valueOf(orderId);
    }

    public static String transitionKey(long orderId, String transition) {
        return orderId + ":" + transition;
    }
}
