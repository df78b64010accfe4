package com.mmorpg.testsupport.items;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The conservation audit of the item books, read from the database as an operator would run it: every
 * item's ledger replayed gives exactly the {@code items} table (owner and quantity; nothing owned twice,
 * nothing alive without a history), and for every item type the units created equal those alive plus
 * those destroyed.
 */
public final class ItemAudit {

    /** What the books hold, and every way they do not add up (empty when they balance). */
    public record Result(long alive, long aliveUnits, long ledgerRows, long created, long destroyed, List<String> problems) {

        public boolean balanced() {
            return problems.isEmpty();
        }
    }

    private static final String REPLAY = """
            WITH moves AS (
                SELECT item_id, to_character AS character_id, quantity AS delta FROM item_ledger WHERE to_character IS NOT NULL
                UNION ALL
                SELECT item_id, from_character, -quantity FROM item_ledger WHERE from_character IS NOT NULL),
            balance AS (SELECT item_id, character_id, sum(delta) AS quantity FROM moves GROUP BY item_id, character_id
                        HAVING sum(delta) <> 0)
            SELECT coalesce(b.item_id, i.id) AS item, b.character_id AS ledger_owner, b.quantity AS ledger_quantity,
                   i.character_id AS table_owner, i.quantity AS table_quantity
            FROM balance b FULL JOIN items i ON i.id = b.item_id AND i.character_id = b.character_id
            WHERE b.quantity IS DISTINCT FROM i.quantity
            ORDER BY 1 LIMIT 20""";

    private static final String UNITS = """
            SELECT l.type_id, l.created, l.destroyed, coalesce(a.alive, 0) AS alive
            FROM (SELECT type_id, coalesce(sum(quantity) FILTER (WHERE from_character IS NULL), 0) AS created,
                         coalesce(sum(quantity) FILTER (WHERE to_character IS NULL), 0) AS destroyed
                  FROM item_ledger GROUP BY type_id) l
            FULL JOIN (SELECT type_id, sum(quantity) AS alive FROM items GROUP BY type_id) a ON a.type_id = l.type_id
            WHERE coalesce(l.created, 0) <> coalesce(l.destroyed, 0) + coalesce(a.alive, 0)""";

    private static final String TYPES = """
            SELECT l.item_id FROM item_ledger l LEFT JOIN items i ON i.id = l.item_id
            GROUP BY l.item_id HAVING count(DISTINCT l.type_id) > 1 OR bool_or(i.type_id IS NOT NULL AND i.type_id <> l.type_id)
            LIMIT 20""";

    private ItemAudit() {
    }

    public static Result run(String jdbcUrl, String user, String password) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
            return run(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("item audit failed: " + e.getMessage(), e);
        }
    }

    public static Result run(Connection connection) throws SQLException {
        List<String> problems = new ArrayList<>();
        try (Statement sql = connection.createStatement()) {
            try (ResultSet row = sql.executeQuery(REPLAY)) {
                while (row.next()) {
                    problems.add("item " + row.getLong("item") + ": the ledger says " + owner(row, "ledger") + ", the table "
                            + owner(row, "table"));
                }
            }
            try (ResultSet row = sql.executeQuery(UNITS)) {
                while (row.next()) {
                    problems.add("type " + row.getInt("type_id") + ": created " + row.getLong("created") + " <> destroyed "
                            + row.getLong("destroyed") + " + alive " + row.getLong("alive"));
                }
            }
            try (ResultSet row = sql.executeQuery(TYPES)) {
                while (row.next()) {
                    problems.add("item " + row.getLong(1) + " changed type");
                }
            }
            try (ResultSet row = sql.executeQuery("""
                    SELECT (SELECT count(*) FROM items), (SELECT coalesce(sum(quantity), 0) FROM items), (SELECT count(*) FROM item_ledger),
                           (SELECT coalesce(sum(quantity), 0) FROM item_ledger WHERE from_character IS NULL),
                           (SELECT coalesce(sum(quantity), 0) FROM item_ledger WHERE to_character IS NULL)""")) {
                row.next();
                return new Result(row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4), row.getLong(5), List.copyOf(problems));
            }
        }
    }

    private static String owner(ResultSet row, String side) throws SQLException {
        long owner = row.getLong(side + "_owner");
        return row.wasNull() ? "nobody" : "character " + owner + " x" + row.getLong(side + "_quantity");
    }
}
