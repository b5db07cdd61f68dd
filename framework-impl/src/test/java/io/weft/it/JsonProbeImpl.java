package io.weft.it;

import java.time.LocalDate;
import java.util.Base64;

/** Answers {@link JsonProbe} calls from what it decoded. */
public class JsonProbeImpl implements JsonProbe {
    @Override
    public String greet(String name) {
        return "Hello, " + name;
    }

    @Override
    public String describe(Order o) {
        return o.id() + "|" + o.items() + "|" + o.placedAt() + "|" + o.note() + "|" + o.mood() + "|"
                + (o.blob() == null ? null : Base64.getEncoder().encodeToString(o.blob())) + "|" + o.counts();
    }

    @Override
    public Order echoOrder(Order order) {
        return order;
    }

    @Override
    public LocalDate dayAfter(LocalDate day) {
        return day.plusDays(1);
    }

    @Override
    public String typeOf(Object value) {
        return value == null ? "null" : value.getClass().getName();
    }

    @Override
    public String pick(String text) {
        return "text:" + text;
    }

    @Override
    public String pick(String text, int times) {
        return "text*" + times + ":" + text.repeat(times);
    }

    @Override
    public String pick(int number) {
        return "number:" + number;
    }

    @Override
    public void nothing() {
    }
}
