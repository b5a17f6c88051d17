"""SearchCriteria -> SQL with the semantics of Magento's MySQL collections.

* Filters inside a group are OR'ed, groups are AND'ed (FilterProcessor::addFilterGroupToCollection).
  On flat collections a group holding exactly a ``from`` and a ``to`` on one field becomes one
  range condition (FilterProcessor::checkFromTo).
* Condition types follow Fw/DB/Adapter/Pdo/Mysql::prepareSqlCondition, whose map keys are
  case-sensitive: an unknown type (``moreq``, ``EQ``, ``LIKE``) is ``eq`` on the value on flat
  collections, and ``(f = '<field>') OR (f = '<value>')`` on EAV ones.
* Text columns compare case-insensitively (Magento's *_general_ci collations) and comparisons
  ignore trailing spaces of the value (PAD SPACE); numbers compare numerically even when sent
  as strings, a non-numeric string counting as its numeric prefix or 0, as MySQL casts it.
* Dates are UTC ``YYYY-MM-DD HH:MM:SS`` strings (``date``: TIMESTAMP and DATETIME columns) or
  ``YYYY-MM-DD`` (``day``: DATE columns); a literal compared with one is read as MariaDB reads it
  (search/temporal.py): relaxed forms normalised, a non-date (``None``, ``abc``, ``''``, ``0``) the
  zero date, so ``gteq 'None'`` matches every row with a date and ``eq``/``in``/``lt`` none.
* A filter without a value compares with NULL (``f = NULL``): it matches nothing.
"""
from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from fake_magento.errors import InternalError, MagentoError
from fake_magento.search.criteria import Filter, SearchCriteria
from fake_magento.search.mysql import like_pattern, missing_function, register_mysql_functions
from fake_magento.search.temporal import ZERO, datetime_operand
from fake_magento.search.temporal import parse as parse_datetime

FieldType = Literal["int", "float", "text", "date", "day"]
Where = tuple[str, Sequence[Any]]
CustomFilter = Callable[[Filter], Where]


@dataclass(frozen=True)
class Field:
    """How one Magento field maps to SQL: an expression (a column, ``json_extract``, a subquery).

    ``params`` are the parameters of ``sql`` itself (e.g. a store id in a correlated subquery);
    the engine repeats them wherever it writes the expression.
    """

    sql: str
    type: FieldType = "text"
    nocase: bool = True            # *_ci collation; set False for binary columns
    params: tuple[Any, ...] = ()   # parameters of ``sql`` itself (e.g. a store id in a subquery)
    sortable: bool = True


@dataclass(frozen=True)
class EntitySearch:
    """A searchable entity: the table (or ``table alias``, or a parenthesised subquery with an
    alias and ``table_params``), its id column, and the Magento field names it knows."""

    table: str
    id_column: str
    fields: dict[str, Field]
    unknown_field: Literal["eav", "flat"] = "flat"
    table_params: tuple[Any, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    def field(self, name: str | None) -> Field | None:
        return self.fields.get(name or "")


_NUM_PREFIX = re.compile(r"^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")

# Fw/DB/Adapter/Pdo/Mysql::prepareSqlCondition's map; the keys are case-sensitive.
_OPERATORS = {"eq": "=", "neq": "!=", "gt": ">", "lt": "<", "gteq": ">=", "lteq": "<=", "from": ">=", "to": "<="}
KNOWN_CONDITIONS = frozenset(_OPERATORS) | {"like", "nlike", "in", "nin", "is", "notnull", "null", "finset",
                                            "nfinset", "regexp", "seq", "sneq", "ntoa"}


def mysql_number(value: Any) -> float | int:
    """What MySQL makes of a string compared with a number: its numeric prefix, else 0."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    m = _NUM_PREFIX.match(str(value))
    if not m:
        return 0
    number = float(m.group(0))
    return int(number) if number.is_integer() and abs(number) < 2**53 else number


ENGINES = ("mariadb", "mysql")


def mysql_datetime(value: Any, *, date_only: bool = False, engine: str = "mariadb") -> str:
    """A literal compared with a DATETIME/TIMESTAMP column (``date_only``: a DATE column), as
    the database reads it, written so that it sorts against the stored text as it compares.

    MariaDB reads a literal that is no date as the zero date (search/temporal.py). MySQL 8.0.16 and
    later check the converted literal and fail the query instead, error 1525 ``Incorrect DATETIME
    value`` (``Incorrect DATE value`` for a DATE column), whatever the SQL mode; Magento masks the
    PDO exception as a 500. Evidence: MySQL 8.0.16 release notes, Bug #28940878 ("the converted
    string is always checked for validity as a DATE or DATETIME before being compared, unless
    ALLOW_INVALID_DATES"), and the 1525 errors reported for ``col = 'xx'`` (8.0.22), ``>= ''`` and
    ``>= '2020-03'`` on DATETIME columns (README, "Database semantics")."""
    if engine == "mysql" and parse_datetime(value) == ZERO:
        kind = "DATE" if date_only else "DATETIME"
        raise InternalError(f"SQLSTATE[HY000]: General error: 1525 Incorrect {kind} value: '{value}'")
    return datetime_operand(value, date_only=date_only)


def _coerce(fld: Field, value: Any, engine: str = "mariadb") -> Any:
    if fld.type in ("int", "float"):
        return mysql_number(value)
    if fld.type in ("date", "day"):
        return mysql_datetime(value, date_only=fld.type == "day", engine=engine)
    return "" if value is None else str(value)


def _collate(fld: Field) -> str:
    return " COLLATE NOCASE" if fld.type == "text" and fld.nocase else ""


def _values(raw: Any) -> list[str]:
    if isinstance(raw, (list, tuple)):
        return [str(v) for v in raw]
    return str(raw).split(",")  # explode(','): no trimming


def _unknown_field(entity: EntitySearch, name: str | None) -> MagentoError:
    if entity.unknown_field == "eav":
        # Eav/Model/Entity/Collection/AbstractCollection::_addAttributeJoin
        return MagentoError('The "%1" attribute name is invalid. Reset the name and try again.', [name or ""])
    # Flat collections put the name into SQL: MySQL's "column not found" is masked as a 500.
    return InternalError(f"Unknown column '{name}' in 'where clause'")


class _Sql:
    """Builds one condition, writing the field's own parameters wherever its expression goes."""

    def __init__(self, fld: Field, engine: str = "mariadb") -> None:
        self.fld = fld
        self.engine = engine
        self.params: list[Any] = []

    def expr(self) -> str:
        self.params.extend(self.fld.params)
        return f"({self.fld.sql})"

    def bind(self, *values: Any) -> str:
        self.params.extend(values)
        return ",".join("?" for _ in values)

    def compare(self, op: str, value: Any) -> str:
        operand = _coerce(self.fld, value, self.engine)
        if self.fld.type == "text" and self.fld.nocase:
            operand = operand.rstrip(" ")  # PAD SPACE collations ignore trailing spaces
        return f"{self.expr()}{_collate(self.fld)} {op} {self.bind(operand)}"


def _condition(entity: EntitySearch, fld: Field, ctype: str, value: Any, name: str | None,
               engine: str = "mariadb") -> Where:
    q = _Sql(fld, engine)
    if ctype in ("seq", "sneq"):
        # Mysql::_transformStringSqlCondition: '' (or null) turns into null / notnull
        if value is None or str(value) == "":
            ctype = "null" if ctype == "seq" else "notnull"
        else:
            ctype = "eq" if ctype == "seq" else "neq"
    if ctype == "null":
        return f"{q.expr()} IS NULL", q.params
    if ctype == "notnull":
        return f"{q.expr()} IS NOT NULL", q.params
    if ctype not in KNOWN_CONDITIONS:
        if entity.unknown_field == "eav":
            # EAV FilterProcessor passes ['attribute' => f, '<type>' => v]; with no known key,
            # every element becomes an eq sub-condition: (f = '<field>') OR (f = '<value>').
            return f"({q.compare('=', name)} OR {q.compare('=', value)})", q.params
        # Flat: [<type> => v] has no known key, so its one element becomes `f = (string)v`.
        return q.compare("=", value), q.params
    if ctype == "is":
        # prepareSqlCondition quotes the value: "IS 'x'" is an SQL syntax error on MySQL.
        raise InternalError("SQLSTATE[42000]: Syntax error near IS")
    if value is None:
        return "0", []  # `f = NULL`, `f IN(NULL)`, `FIND_IN_SET(NULL, f)`...: never true
    numeric = fld.type in ("int", "float")
    # Text matching on a number sees it as the API writes it ("1", "1.5"); MySQL would see its
    # DECIMAL(12,4) text ("1.0000") — a documented deviation.
    text_of = "api_text" if numeric else ""
    if ctype in ("in", "nin"):
        items = [_coerce(fld, v.rstrip(" ") if fld.type == "text" and fld.nocase else v, engine) for v in _values(value)]
        op = "IN" if ctype == "in" else "NOT IN"
        return f"{q.expr()}{_collate(fld)} {op} ({q.bind(*items)})", q.params
    if ctype in ("like", "nlike"):
        op = "LIKE" if ctype == "like" else "NOT LIKE"
        # MySQL LIKE escapes with a backslash by default; SQLite needs it spelt out.
        return f"{text_of}{q.expr()} {op} {q.bind(like_pattern(str(value)))} ESCAPE '\\'", q.params
    if ctype == "ntoa":
        return f"inet_ntoa({q.expr()}) LIKE {q.bind(like_pattern(str(value)))} ESCAPE '\\'", q.params
    if ctype in ("finset", "nfinset"):
        neg = "NOT " if ctype == "nfinset" else ""
        needle = q.bind(str(value))
        return f"{neg}find_in_set({needle}, {text_of}{q.expr()})", q.params
    if ctype == "regexp":
        return f"{text_of}{q.expr()} REGEXP {q.bind(str(value))}", q.params
    return q.compare(_OPERATORS[ctype], value), q.params


def condition_sql(entity: EntitySearch, flt: Filter, engine: str = "mariadb") -> Where:
    """One filter as SQL, as prepareSqlCondition renders ``[condition_type => value]``."""
    fld = entity.field(flt.field)
    if fld is None:
        raise _unknown_field(entity, flt.field)
    ctype, value = flt.condition_type, flt.value
    if ctype == "fulltext" and entity.unknown_field == "flat":
        # Fw/Api/SearchCriteria/CollectionProcessor/FilterProcessor: not a fulltext search but a
        # LIKE '%value%' over the flat table (the echoed filter shows the rewritten value).
        ctype, value = "like", f"%{'' if value is None else value}%"
    return _condition(entity, fld, ctype, value, flt.field, engine)


def _range(entity: EntitySearch, filters: list[Filter], engine: str = "mariadb") -> Where | None:
    """FilterProcessor::checkFromTo (flat collections): a group whose filters all name one field
    and whose condition types collapse to exactly {from, to} (the last value of each kind wins)
    becomes ``f >= from AND f <= to``."""
    if entity.unknown_field != "flat" or len({f.field for f in filters}) != 1:
        return None
    last: dict[str, Any] = {}
    for flt in filters:
        last[flt.condition_type] = flt.value
    if set(last) != {"from", "to"} or last["from"] is None or last["to"] is None:
        return None
    fld = entity.field(filters[0].field)
    if fld is None:
        raise _unknown_field(entity, filters[0].field)
    low, low_params = _condition(entity, fld, "from", last["from"], filters[0].field, engine)
    high, high_params = _condition(entity, fld, "to", last["to"], filters[0].field, engine)
    return f"{low} AND {high}", [*low_params, *high_params]


def where_sql(entity: EntitySearch, criteria: SearchCriteria,
              custom_filters: dict[str, CustomFilter] | None = None,
              where: Where | None = None, engine: str = "mariadb") -> Where:
    clauses: list[str] = []
    params: list[Any] = list(entity.table_params)
    if where:
        clauses.append(f"({where[0]})")
        params.extend(where[1])
    for group in criteria.filter_groups:
        plain: list[Filter] = []
        for flt in group.filters:
            custom = (custom_filters or {}).get(flt.field or "")
            if custom is not None:
                # Custom filters are applied to the collection directly, so they are AND'ed
                # even inside an OR group (Catalog/etc/di.xml ProductFilterProcessor).
                sql, extra = custom(flt)
                clauses.append(f"({sql})")
                params.extend(extra)
            else:
                plain.append(flt)
        if not plain:
            continue
        merged = _range(entity, plain, engine)
        if merged is not None:
            clauses.append(f"({merged[0]})")
            params.extend(merged[1])
            continue
        ors: list[str] = []
        for flt in plain:
            if flt.condition_type == "fulltext" and entity.unknown_field == "flat":
                # FilterProcessor rewrites the filter object itself, so the echo shows '%value%'.
                criteria.extra.setdefault("echo_values", {})[id(flt)] = f"%{'' if flt.value is None else flt.value}%"
            sql, extra = condition_sql(entity, flt, engine)
            ors.append(f"({sql})")
            params.extend(extra)
        clauses.append("(" + " OR ".join(ors) + ")")
    return (" AND ".join(clauses) if clauses else "1"), params


def order_sql(entity: EntitySearch, criteria: SearchCriteria) -> Where:
    parts: list[str] = []
    params: list[Any] = []
    for sort in criteria.sort_orders or ():
        fld = entity.field(sort.field)
        if fld is None or not fld.sortable:
            if entity.unknown_field == "eav":
                continue  # addAttributeToSort ignores an unknown attribute
            raise InternalError(f"Unknown column '{sort.field}' in 'order clause'")
        # SortingProcessor: anything but ASC sorts DESC, including a missing direction.
        direction = "ASC" if sort.direction == "ASC" else "DESC"
        parts.append(f"({fld.sql}){_collate(fld)} {direction}")
        params.extend(fld.params)
    parts.append(f"{entity.id_column} ASC")  # stable: MySQL's order is unspecified; we choose id order
    return ", ".join(parts), params


def page_window(criteria: SearchCriteria, *, limits_enabled: bool = False, max_page_size: int = 300,
                default_page_size: int = 999999) -> tuple[int | None, int]:
    """(limit, offset) as Fw/Data/Collection/AbstractDb::_renderLimit and Zend limitPage do."""
    size = criteria.page_size
    if limits_enabled:
        # Fw/Webapi/Validator/SearchCriteriaValidator and IOLimit/DefaultPageSizeSetter
        if size is None:
            size = default_page_size
        elif size > max_page_size:
            raise MagentoError("Maximum SearchCriteria pageSize is %max", {"max": max_page_size})
    if not size:
        return None, 0
    page = criteria.current_page if criteria.current_page and criteria.current_page > 0 else 1
    size = size if size > 0 else 1  # limitPage forces at least one row per page
    return size, (page - 1) * size


def _execute(conn: sqlite3.Connection, sql: str, params: Sequence[Any]) -> list[Any]:
    try:
        return conn.execute(sql, params).fetchall()
    except sqlite3.OperationalError as exc:
        if missing_function(exc):
            register_mysql_functions(conn)  # a connection opened elsewhere (tests, tools)
            return conn.execute(sql, params).fetchall()
        if "user-defined function raised exception" in str(exc):
            # MySQL rejects a malformed REGEXP pattern: an SQL error, masked as a 500.
            raise InternalError(f"SQLSTATE[HY000]: Illegal argument to a regular expression: {exc}") from exc
        raise


def run_search(db: Any, entity: EntitySearch, criteria: SearchCriteria, *,
               where: Where | None = None, custom_filters: dict[str, CustomFilter] | None = None,
               config: Any = None) -> tuple[list[Any], int]:
    """The ids of one page of matches, in order, and the total number of matches.

    ``db`` is the backend's ``Database`` or a ``sqlite3.Connection``; ``where`` is extra SQL
    AND-ed in; ``custom_filters`` maps a field to a callable(filter) -> (sql, params), always
    AND-ed; ``config`` (``Config``) switches on Magento's Web API input limits.
    """
    conn: sqlite3.Connection = db.connection() if hasattr(db, "connection") else db
    limits = bool(getattr(config, "input_limits_enabled", False))
    default_size = int(getattr(config, "default_page_size", 999999))
    limit, offset = page_window(criteria, limits_enabled=limits,
                                max_page_size=int(getattr(config, "max_page_size", 300)),
                                default_page_size=default_size)
    if limits and criteria.page_size is None:
        # DefaultPageSizeSetter sets pageSize on the criteria object itself, so it is echoed.
        criteria.extra["page_size"] = default_size
    where_clause, where_params = where_sql(entity, criteria, custom_filters, where,
                                          engine=getattr(db, "engine", "mariadb"))
    order_clause, order_params = order_sql(entity, criteria)
    total = _execute(conn, f"SELECT COUNT(*) FROM {entity.table} WHERE {where_clause}", where_params)[0][0]
    sql = f"SELECT {entity.id_column} FROM {entity.table} WHERE {where_clause} ORDER BY {order_clause}"
    params = [*where_params, *order_params]
    if limit is not None:
        if offset >= total:
            return [], total  # a page past the end is empty (Magento 2.4)
        sql += " LIMIT ? OFFSET ?"
        params += [limit, offset]
    return [row[0] for row in _execute(conn, sql, params)], total
