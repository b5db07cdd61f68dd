package io.weft.internal.serialization;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * An immutable decision table: which class names Hessian may turn into classes. Decisions are made
 * on the name alone, so a refused class is never loaded.
 *
 * <p>Order: the hard deny-list of known gadget classes wins over everything; then the built-in JDK
 * value types, {@code java.time.}, {@code java.math.}, and finally the admitted prefixes (the
 * configured {@code weft.serialization.allow} entries) and the exact classes reachable from the
 * exported or referenced interfaces' method signatures. Arrays are judged by their element type. Thread-safe: instances never change; {@link
 * #withPrefix} returns a copy.
 */
final class ClassAllowList {

    /** Deny entries matched as plain string prefixes. */
    private static final List<String> DENIED_PREFIXES = List.of(
            "bsh.",
            "ch.qos.logback.",
            "clojure.",
            "com.alibaba.fastjson",
            "com.caucho.",
            "com.mchange.",
            "com.rometools.",
            "com.sun.corba.",
            "com.sun.jndi.",
            "com.sun.org.apache.",
            "com.sun.rowset.",
            "com.sun.xml.internal.",
            "com.zaxxer.hikari.",
            "groovy.",
            "java.awt.",
            "java.beans.",
            "java.lang.invoke.",
            "java.lang.reflect.",
            "java.rmi.",
            "java.util.logging.",
            "javax.management.",
            "javax.naming.",
            "javax.script.",
            "javax.swing.",
            "jdk.",
            "org.apache.bcel.",
            "org.apache.commons.beanutils",
            "org.apache.commons.collections",
            "org.apache.commons.configuration",
            "org.apache.ibatis.",
            "org.apache.log4j.",
            "org.apache.logging.log4j.",
            "org.apache.myfaces.",
            "org.apache.tomcat.",
            "org.apache.xalan",
            "org.apache.xbean.",
            "org.codehaus.groovy.runtime.",
            "org.hibernate.",
            "org.mozilla.javascript.",
            "org.python.",
            "org.springframework.",
            "sun.");

    /** Deny entries matched as exact class names, including their nested classes ({@code $}). */
    private static final List<String> DENIED_CLASSES = List.of(
            "java.lang.ClassLoader",
            "java.lang.ProcessBuilder",
            "java.lang.ProcessImpl",
            "java.lang.Runtime",
            "java.lang.System",
            "java.lang.Thread",
            "java.net.URLClassLoader",
            "java.security.SignedObject");

    /** JDK value types and the hessian-lite handle classes that carry them on the wire. */
    private static final Set<String> BUILT_IN_CLASSES = Set.of(
            // java.lang
            "java.lang.Boolean", "java.lang.Byte", "java.lang.Character", "java.lang.Double",
            "java.lang.Float", "java.lang.Integer", "java.lang.Long", "java.lang.Object",
            "java.lang.Short", "java.lang.String", "java.lang.StackTraceElement",
            // Class values are resolved by AllowListClassDeserializer, which checks the named class.
            "java.lang.Class",
            // java.util collections and values
            "java.util.ArrayDeque", "java.util.ArrayList", "java.util.Arrays$ArrayList",
            "java.util.BitSet", "java.util.Currency", "java.util.Date", "java.util.HashMap",
            "java.util.HashSet", "java.util.LinkedHashMap", "java.util.LinkedHashSet",
            "java.util.LinkedList", "java.util.Locale", "java.util.Optional",
            "java.util.OptionalDouble", "java.util.OptionalInt", "java.util.OptionalLong",
            "java.util.TreeMap", "java.util.TreeSet", "java.util.UUID",
            "java.util.Collections$EmptyList", "java.util.Collections$EmptyMap",
            "java.util.Collections$EmptySet", "java.util.Collections$SingletonList",
            "java.util.Collections$SingletonMap", "java.util.Collections$SingletonSet",
            "java.util.Collections$SynchronizedList", "java.util.Collections$SynchronizedMap",
            "java.util.Collections$SynchronizedSet", "java.util.Collections$UnmodifiableCollection",
            "java.util.Collections$UnmodifiableList", "java.util.Collections$UnmodifiableMap",
            "java.util.Collections$UnmodifiableSet", "java.util.Collections$UnmodifiableSortedMap",
            "java.util.Collections$UnmodifiableSortedSet",
            "java.util.concurrent.ConcurrentHashMap", "java.util.concurrent.ConcurrentSkipListMap",
            "java.util.concurrent.ConcurrentSkipListSet",
            "java.util.concurrent.CopyOnWriteArrayList",
            "java.util.concurrent.CopyOnWriteArraySet",
            // java.sql date-time values (common in DTOs)
            "java.sql.Date", "java.sql.Time", "java.sql.Timestamp",
            // hessian-lite writes these handles in place of the JDK values above
            "com.alibaba.com.caucho.hessian.io.BitSetHandle",
            "com.alibaba.com.caucho.hessian.io.ByteHandle",
            "com.alibaba.com.caucho.hessian.io.EnumSetHandler",
            "com.alibaba.com.caucho.hessian.io.FloatHandle",
            "com.alibaba.com.caucho.hessian.io.LocaleHandle",
            "com.alibaba.com.caucho.hessian.io.ShortHandle",
            "com.alibaba.com.caucho.hessian.io.java8.DurationHandle",
            "com.alibaba.com.caucho.hessian.io.java8.InstantHandle",
            "com.alibaba.com.caucho.hessian.io.java8.LocalDateHandle",
            "com.alibaba.com.caucho.hessian.io.java8.LocalDateTimeHandle",
            "com.alibaba.com.caucho.hessian.io.java8.LocalTimeHandle",
            "com.alibaba.com.caucho.hessian.io.java8.MonthDayHandle",
            "com.alibaba.com.caucho.hessian.io.java8.OffsetDateTimeHandle",
            "com.alibaba.com.caucho.hessian.io.java8.OffsetTimeHandle",
            "com.alibaba.com.caucho.hessian.io.java8.PeriodHandle",
            "com.alibaba.com.caucho.hessian.io.java8.YearHandle",
            "com.alibaba.com.caucho.hessian.io.java8.YearMonthHandle",
            "com.alibaba.com.caucho.hessian.io.java8.ZoneIdHandle",
            "com.alibaba.com.caucho.hessian.io.java8.ZoneOffsetHandle",
            "com.alibaba.com.caucho.hessian.io.java8.ZonedDateTimeHandle",
            "com.alibaba.com.caucho.hessian.io.chronology.ChronoLocalDateTimeImplHandle",
            "com.alibaba.com.caucho.hessian.io.chronology.ChronoPeriodImplHandle",
            "com.alibaba.com.caucho.hessian.io.chronology.ChronoZonedDateTimeImplHandle",
            "com.alibaba.com.caucho.hessian.io.chronology.HijrahDateHandle",
            "com.alibaba.com.caucho.hessian.io.chronology.JapaneseDateHandle",
            "com.alibaba.com.caucho.hessian.io.chronology.JapaneseEraHandle",
            "com.alibaba.com.caucho.hessian.io.chronology.MinguoDateHandle",
            "com.alibaba.com.caucho.hessian.io.chronology.ThaiBuddhistDateHandle");

    private static final List<String> BUILT_IN_PREFIXES = List.of("java.time.", "java.math.");

    private final String[] admittedPrefixes;
    private final Set<String> admittedClasses;

    private ClassAllowList(String[] admittedPrefixes, Set<String> admittedClasses) {
        this.admittedPrefixes = admittedPrefixes;
        this.admittedClasses = admittedClasses;
    }

    /** The built-in list plus {@code prefixes}; blank entries are ignored. */
    static ClassAllowList of(Collection<String> prefixes) {
        List<String> cleaned = new ArrayList<>();
        for (String prefix : prefixes) {
            String trimmed = prefix.strip();
            if (!trimmed.isEmpty() && !cleaned.contains(trimmed)) {
                cleaned.add(trimmed);
            }
        }
        return new ClassAllowList(cleaned.toArray(String[]::new), Set.of());
    }

    /** A copy that also admits names starting with {@code prefix}; {@code this} if already there. */
    ClassAllowList withPrefix(String prefix) {
        for (String admitted : admittedPrefixes) {
            if (admitted.equals(prefix)) {
                return this;
            }
        }
        String[] copy = new String[admittedPrefixes.length + 1];
        System.arraycopy(admittedPrefixes, 0, copy, 0, admittedPrefixes.length);
        copy[admittedPrefixes.length] = prefix;
        return new ClassAllowList(copy, admittedClasses);
    }

    /** A copy that also admits exactly the classes named in {@code classNames}; {@code this} if all are there. */
    ClassAllowList withClasses(Set<String> classNames) {
        if (admittedClasses.containsAll(classNames)) {
            return this;
        }
        Set<String> union = new java.util.HashSet<>(admittedClasses);
        union.addAll(classNames);
        return new ClassAllowList(admittedPrefixes, Set.copyOf(union));
    }

    /**
     * Throws unless {@code className} (a Java binary name, or a Hessian array name starting with
     * {@code [}) may be loaded for deserialization.
     */
    void check(String className) {
        String element = elementName(className);
        String shown = AllowListSerializerFactory.abbreviate(element);
        if (isDenied(element)) {
            throw new RefusedInputException(
                    "class " + shown + " is not allowed for deserialization"
                            + " (it matches the deny-list of known gadget classes)");
        }
        if (!isAdmitted(element)) {
            throw new RefusedInputException(
                    "class " + shown + " is not allowed for deserialization"
                            + " (add its package to weft.serialization.allow to permit it)");
        }
    }

    /** True if {@code className} is on the hard deny-list, whatever the admitted prefixes. */
    static boolean isDenied(String className) {
        for (String prefix : DENIED_PREFIXES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        for (String denied : DENIED_CLASSES) {
            if (className.startsWith(denied)
                    && (className.length() == denied.length()
                            || className.charAt(denied.length()) == '$')) {
                return true;
            }
        }
        return false;
    }

    private boolean isAdmitted(String className) {
        if (BUILT_IN_CLASSES.contains(className) || admittedClasses.contains(className)) {
            return true;
        }
        for (String prefix : BUILT_IN_PREFIXES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        for (String prefix : admittedPrefixes) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Strips Hessian ({@code [com.x.Y}) and JVM ({@code [Lcom.x.Y;}) array markers. */
    private static String elementName(String name) {
        int start = 0;
        while (start < name.length() && name.charAt(start) == '[') {
            start++;
        }
        if (start == 0) {
            return name;
        }
        if (name.length() > start + 2 && name.charAt(start) == 'L' && name.endsWith(";")) {
            return name.substring(start + 1, name.length() - 1);
        }
        return name.substring(start);
    }

    @Override
    public String toString() {
        return "ClassAllowList" + List.of(admittedPrefixes) + (admittedClasses.isEmpty() ? ""
                : " + " + admittedClasses.size() + " service types");
    }
}
