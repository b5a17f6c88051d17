"""SearchCriteria -> SQL with the semantics of Magento's MySQL collections.

* Filters inside a group are OR'ed, groups are AND'ed (FilterProcessor::addFilterGroupToCollection).
* Condition types follow Fw/DB/Adapter/Pdo/Mysql::prepareSqlCondition.
* Text columns compare case-insensitively (Magento's *_general_ci collations) and ``=`` ignores
  trailing spaces (PAD SPACE); numbers compare numerically even when sent as strings, a
  non-numeric string counting as its numeric prefix or 0, as MySQL casts it.
* Dates are UTC ``YYYY-MM-DD HH:MM:SS`` strings; a bare date means midnight, as MySQL's
  DATETIME conversion of the literal does.
"""
from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from fake_magento.errors import InternalError, MagentoError
from fake_magento.search.criteria import Filter, SearchCriteria

FieldType = Literal["int", "float", "text", "date"]
Where = tuple[str, Sequence[Any]]
CustomFilter = Callable[[Filter], Where]


@dataclass(frozen=True)
class Field:
    """How one Magento field maps to SQL: an expression (a column, ``json_extract``, a subquery)."""

    sql: str
    type: FieldType = "text"
    nocase: bool = True            # *_ci collation; set False for binary columns
    params: tuple[Any, ...] = ()   # parameters of ``sql`` itself (e.g. a store id in a subquery)
    sortable: bool = True


@dataclass(frozen=True)
class EntitySearch:
    table: str                             # a table name or a parenthesised subquery with an alias
    id_column: str
    fields: dict[str, Field]
    unknown_field: Literal["eav", "flat"] = "flat"
    table_params: tuple[Any, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    def field(self, name: str | None) -> Field | None:
        return self.fields.get(name or "")


_NUM_PREFIX = re.compile(r"^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def mysql_number(value: Any) -> float | int:
    """What MySQL makes of a string compared with a number: its numeric prefix, else 0."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    m = _NUM_PREFIX.match(str(value))
    if not m:
        return 0
    number = float(m.group(0))
    return int(number) if number.is_integer() and abs(number) < 2**53 else number


def _coerce(fld: Field, value: Any) -> Any:
    if fld.type in ("int", "float"):
        return mysql_number(value)
    text = "" if value is None else str(value)
    if fld.type == "date":
        text = text.replace("T", " ")
        if _DATE_ONLY.match(text):
            text += " 00:00:00"
    return text


def _collate(fld: Field) -> str:
    return " COLLATE NOCASE" if fld.type == "text" and fld.nocase else ""


def _values(raw: Any) -> list[str]:
    if isinstance(raw, list):
        return [str(v) for v in raw]
    return str(raw if raw is not None else "").split(",")  # explode(','): no trimming


def _unknown_field(entity: EntitySearch, name: str | None) -> MagentoError:
    if entity.unknown_field == "eav":
        # Eav/Model/Entity/Collection/AbstractCollection::_addAttributeJoin
        return MagentoError('The "%1" attribute name is invalid. Reset the name and try again.', [name or ""])
    # Flat collections put the name into SQL: MySQL's "column not found" is masked as a 500.
    return InternalError(f"Unknown column '{name}' in 'where clause'")


def condition_sql(entity: EntitySearch, flt: Filter) -> Where:
    fld = entity.field(flt.field)
    if fld is None:
        raise _unknown_field(entity, flt.field)
    expr, params = fld.sql, list(fld.params)
    col = _collate(fld)
    ctype = flt.condition_type.lower()
    value = flt.value
    if ctype in ("seq", "sneq"):
        # Mysql::_transformStringSqlCondition: '' turns into null / notnull
        if value == "" or value is None:
            ctype = "null" if ctype == "seq" else "notnull"
        else:
            ctype = "eq" if ctype == "seq" else "neq"
    if ctype == "null":
        return f"({expr}) IS NULL", params
    if ctype == "notnull":
        return f"({expr}) IS NOT NULL", params
    if ctype in ("in", "nin"):
        items = [_coerce(fld, v.rstrip(" ") if fld.type == "text" else v) for v in _values(value)]
        marks = ",".join("?" for _ in items)
        op = "IN" if ctype == "in" else "NOT IN"
        return f"({expr}){col} {op} ({marks})", params + items
    if fld.type in ("int", "float") and ctype in ("like", "nlike", "finset", "nfinset", "regexp"):
        # Text matching on a number sees it as the API writes it ("1", "1.5"); MySQL would see its
        # DECIMAL(12,4) text ("1.0000") — a documented deviation.
        expr = f"api_text({expr})"
    if ctype in ("like", "nlike"):
        op = "LIKE" if ctype == "like" else "NOT LIKE"
        # MySQL LIKE escapes with a backslash by default; SQLite needs it spelt out.
        return f"({expr}) {op} ? ESCAPE '\\'", params + [str(value if value is not None else "")]
    if ctype == "fulltext":
        if entity.unknown_field == "flat":  # flat FilterProcessor rewrites fulltext to like %v%
            return f"({expr}) LIKE ? ESCAPE '\\'", params + [f"%{value}%"]
        ctype = "eq"
    if ctype in ("finset", "nfinset"):
        neg = "NOT " if ctype == "nfinset" else ""
        return f"{neg}find_in_set(?, {expr})", [str(value)] + params
    if ctype == "regexp":
        return f"({expr}) REGEXP ?", params + [str(value)]
    ops = {"eq": "=", "neq": "!=", "gt": ">", "gteq": ">=", "lt": "<", "lteq": "<=", "from": ">=", "to": "<=",
           "moreq": "="}  # moreq is not in Magento's condition map and ends up as eq on the value
    if ctype == "is":
        # prepareSqlCondition quotes the value: "IS 'x'" is an SQL syntax error on MySQL.
        raise InternalError("SQLSTATE[42000]: Syntax error near IS")
    if ctype not in ops:
        if entity.unknown_field == "eav":
            # The condition array keeps its 'attribute' key, which becomes a sub-condition:
            # (f = '<attribute code>') OR (f = '<value>').
            coerced = [_coerce(fld, flt.field), _coerce(fld, value)]
            return f"(({expr}){col} = ? OR ({expr}){col} = ?)", params + params + coerced
        ctype = "eq"
    op = ops[ctype]
    operand = _coerce(fld, value)
    if fld.type == "text" and op in ("=", "!=") and isinstance(operand, str):
        operand = operand.rstrip(" ")  # PAD SPACE collations ignore trailing spaces
    return f"({expr}){col} {op} ?", params + [operand]


def where_sql(entity: EntitySearch, criteria: SearchCriteria,
              custom_filters: dict[str, CustomFilter] | None = None,
              where: Where | None = None) -> Where:
    clauses: list[str] = []
    params: list[Any] = list(entity.table_params)
    if where:
        clauses.append(f"({where[0]})")
        params.extend(where[1])
    for group in criteria.filter_groups:
        ors: list[str] = []
        for flt in group.filters:
            custom = (custom_filters or {}).get(flt.field or "")
            if custom is not None:
                # Custom filters are applied to the collection directly, so they are AND'ed
                # even inside an OR group (Catalog/etc/di.xml ProductFilterProcessor).
                sql, extra = custom(flt)
                clauses.append(f"({sql})")
                params.extend(extra)
                continue
            sql, extra = condition_sql(entity, flt)
            ors.append(f"({sql})")
            params.extend(extra)
        if ors:
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


def run_search(db: Any, entity: EntitySearch, criteria: SearchCriteria, *,
               where: Where | None = None, custom_filters: dict[str, CustomFilter] | None = None,
               config: Any = None) -> tuple[list[Any], int]:
    """The ids of one page of matches, in order, and the total number of matches."""
    conn: sqlite3.Connection = db.connection() if hasattr(db, "connection") else db
    where_clause, where_params = where_sql(entity, criteria, custom_filters, where)
    order_clause, order_params = order_sql(entity, criteria)
    limit, offset = page_window(
        criteria,
        limits_enabled=bool(getattr(config, "input_limits_enabled", False)),
        max_page_size=int(getattr(config, "max_page_size", 300)),
        default_page_size=int(getattr(config, "default_page_size", 999999)))
    total = conn.execute(f"SELECT COUNT(*) FROM {entity.table} WHERE {where_clause}",
                         where_params).fetchone()[0]
    sql = f"SELECT {entity.id_column} FROM {entity.table} WHERE {where_clause} ORDER BY {order_clause}"
    params = where_params + order_params
    if limit is not None:
        if offset >= total:
            return [], total  # a page past the end is empty (Magento 2.4)
        sql += " LIMIT ? OFFSET ?"
        params = params + [limit, offset]
    return [row[0] for row in conn.execute(sql, params)], total
