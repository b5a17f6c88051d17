"""Customer and address attribute metadata (Customer/Model/Metadata/CustomerMetadata, AddressMetadata).

The attributes are those a clean 2.4 install has: Customer/Setup/CustomerSetup::getDefaultEntities as
changed by the Setup/Patch/Data patches (UpdateCustomerAttributesMetadata's grid flags,
UpdateCustomerAttributeInputFilters' trims, UpdateCustomerAddressAttributesSortOrder,
AddNonSpecifiedGenderAttributeOption, AddCustomerUpdatedAtAttribute, AddSecurityTrackingAttributes,
DefaultCustomerGroupsAndAttributes' vat_* address attributes, UpdateVATNumber), in attribute-id order.
Forms follow CustomerSetup::installCustomerForms (checkout_register removed by
RemoveCheckoutRegisterAndUpdateAttributes).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fake_magento.errors import NoSuchEntityError

if TYPE_CHECKING:
    from fake_magento.backend.stores import StoreRepository
    from fake_magento.storage import Database

NBSP4 = "\u00a0" * 4  # Store/Model/System/Store::getStoreValuesForForm indents groups and views
_TEXT_LENGTH = {"max_text_length": 255, "min_text_length": 1}
CUSTOMER_FORMS = ("customer_account_create", "customer_account_edit", "adminhtml_customer")
ADDRESS_FORMS = ("adminhtml_customer_address", "customer_address_edit", "customer_register_address")


@dataclass(frozen=True)
class Attribute:
    code: str
    label: str | None
    input: str = "text"
    required: bool = True          # EavSetup PropertyMapper: is_required defaults to 1
    visible: bool = True           # Customer PropertyMapper: is_visible defaults to 1
    system: bool = True            # ... and is_system to 1
    sort_order: int = 0            # customer_eav_attribute.sort_order = the setup's "position"
    rules: tuple[tuple[str, Any], ...] = ()
    input_filter: str = ""
    multiline_count: int = 0
    data_model: str = ""
    grid: tuple[bool, bool, bool, bool] = (False, False, False, False)
    source: str = ""               # how options are listed
    forms: tuple[str, ...] = ()


def _rules(rules: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
    return tuple(rules.items())


_NAME = _rules(_TEXT_LENGTH)
_ADMIN = ("adminhtml_customer",)
_ALL = CUSTOMER_FORMS
_CHECKOUT = CUSTOMER_FORMS + ("adminhtml_checkout",)

CUSTOMER_ATTRIBUTES: tuple[Attribute, ...] = (
    Attribute("website_id", "Associate to Website", "select", sort_order=10, grid=(True, True, True, False),
              source="websites", forms=_ADMIN),
    Attribute("store_id", "Create In", "select", visible=False, source="stores"),
    Attribute("created_in", "Created From", required=False, sort_order=20, grid=(True, True, False, True),
              forms=_ADMIN),
    Attribute("prefix", "Name Prefix", required=False, visible=False, system=False, sort_order=30, forms=_ALL),
    Attribute("firstname", "First Name", sort_order=40, rules=_NAME, input_filter="trim", forms=_ALL),
    Attribute("middlename", "Middle Name/Initial", required=False, visible=False, system=False, sort_order=50,
              input_filter="trim", forms=_ALL),
    Attribute("lastname", "Last Name", sort_order=60, rules=_NAME, input_filter="trim", forms=_ALL),
    Attribute("suffix", "Name Suffix", required=False, visible=False, system=False, sort_order=70, forms=_ALL),
    Attribute("email", "Email", sort_order=80, rules=(("input_validation", "email"),),
              grid=(True, True, True, True), forms=_CHECKOUT),
    Attribute("group_id", "Group", "select", sort_order=25, grid=(True, True, True, False), source="groups",
              forms=_ADMIN + ("adminhtml_checkout",)),
    Attribute("dob", "Date of Birth", "date", required=False, visible=False, system=False, sort_order=90,
              rules=(("input_validation", "date"),), input_filter="date", grid=(True, True, True, False),
              forms=_CHECKOUT),
    Attribute("password_hash", None, "hidden", required=False, visible=False),
    Attribute("rp_token", None, "hidden", required=False, visible=False),
    Attribute("rp_token_created_at", None, "date", required=False, visible=False,
              rules=(("input_validation", "date"),)),
    Attribute("default_billing", "Default Billing Address", required=False, visible=False),
    Attribute("default_shipping", "Default Shipping Address", required=False, visible=False),
    Attribute("taxvat", "Tax/VAT Number", required=False, visible=False, system=False, sort_order=100,
              rules=(("max_text_length", 255),), grid=(True, True, False, True), forms=_CHECKOUT),
    Attribute("confirmation", "Is Confirmed", required=False, visible=False, grid=(True, True, True, False)),
    Attribute("created_at", "Created At", "date", required=False, visible=False, system=False,
              grid=(True, True, True, False), forms=_ALL),
    Attribute("gender", "Gender", "select", required=False, visible=False, system=False, sort_order=110,
              grid=(True, True, True, False), source="gender", forms=_CHECKOUT),
    Attribute("disable_auto_group_change", "Disable Automatic Group Change Based on VAT ID", "boolean",
              required=False, sort_order=28, forms=_ADMIN),
    Attribute("updated_at", "Updated At", "date", required=False, visible=False, system=False),
    Attribute("failures_num", "Failures Number", "hidden", required=False, visible=False),
    Attribute("first_failure", "First Failure Date", "date", required=False, visible=False),
    Attribute("lock_expires", "Failures Number", "date", required=False, visible=False),
)

ADDRESS_ATTRIBUTES: tuple[Attribute, ...] = (
    Attribute("prefix", "Name Prefix", required=False, visible=False, system=False, sort_order=10,
              forms=ADDRESS_FORMS),
    Attribute("firstname", "First Name", sort_order=20, rules=_NAME, input_filter="trim",
              grid=(True, False, False, True), forms=ADDRESS_FORMS),
    Attribute("middlename", "Middle Name/Initial", required=False, visible=False, system=False, sort_order=30,
              input_filter="trim", forms=ADDRESS_FORMS),
    Attribute("lastname", "Last Name", sort_order=40, rules=_NAME, input_filter="trim",
              grid=(True, False, False, True), forms=ADDRESS_FORMS),
    Attribute("suffix", "Name Suffix", required=False, visible=False, system=False, sort_order=50,
              forms=ADDRESS_FORMS),
    Attribute("company", "Company", required=False, sort_order=60, rules=_NAME, grid=(True, False, False, True),
              forms=ADDRESS_FORMS),
    Attribute("street", "Street Address", "multiline", sort_order=70, rules=_NAME, multiline_count=2,
              grid=(True, False, False, True), forms=ADDRESS_FORMS),
    Attribute("city", "City", sort_order=100, rules=_NAME, grid=(True, False, False, True), forms=ADDRESS_FORMS),
    Attribute("country_id", "Country", "select", sort_order=80, grid=(True, True, True, False), source="countries",
              forms=ADDRESS_FORMS),
    Attribute("region", "State/Province", required=False, sort_order=90, grid=(True, True, False, True),
              forms=ADDRESS_FORMS),
    Attribute("region_id", "State/Province", "hidden", required=False, sort_order=90, source="regions",
              forms=ADDRESS_FORMS),
    Attribute("postcode", "Zip/Postal Code", required=False, sort_order=110,
              data_model="Magento\\Customer\\Model\\Attribute\\Data\\Postcode", grid=(True, True, True, True),
              forms=ADDRESS_FORMS),
    Attribute("telephone", "Phone Number", sort_order=120, rules=_NAME, grid=(True, True, True, True),
              forms=ADDRESS_FORMS),
    Attribute("fax", "Fax", required=False, sort_order=130, rules=_NAME, grid=(True, False, False, True),
              forms=ADDRESS_FORMS),
    Attribute("vat_id", "VAT Number", required=False, sort_order=140, forms=ADDRESS_FORMS),
    Attribute("vat_is_valid", "VAT number validity", required=False, visible=False),
    Attribute("vat_request_id", "VAT number validation request ID", required=False, visible=False),
    Attribute("vat_request_date", "VAT number validation request date", required=False, visible=False),
    Attribute("vat_request_success", "VAT number validation request success", required=False, visible=False),
)

_CLASSES = {"alphanumeric": "validate-alphanum", "numeric": "validate-digits", "alpha": "validate-alpha",
            "email": "validate-email", "url": "validate-url", "length": "validate-length"}
GENDERS = ((" ", ""), ("Male", "1"), ("Female", "2"), ("Not Specified", "3"))


def frontend_class(attribute: Attribute) -> str:
    """Eav AbstractFrontend::getClass: required-entry, the input-validation class, and length classes
    only beside an input-validation class."""
    rules = dict(attribute.rules)
    out = ["required-entry"] if attribute.required else []
    validate = _CLASSES.get(str(rules.get("input_validation")))
    if validate:
        out.append(validate)
        lengths = [f"minimum-length-{rules['min_text_length']}"] if rules.get("min_text_length") else []
        if rules.get("max_text_length"):
            lengths.append(f"maximum-length-{rules['max_text_length']}")
        if lengths:
            out += lengths + ["validate-length"]
    return " ".join(dict.fromkeys(out))


class AttributeMetadata:
    """CustomerMetadataInterface / AddressMetadataInterface over the fixed attribute tables."""

    def __init__(self, db: Database, stores: StoreRepository, entity_type: str) -> None:
        self.db = db
        self.stores = stores
        self.entity_type = entity_type  # "customer" or "customer_address"
        self.attributes = CUSTOMER_ATTRIBUTES if entity_type == "customer" else ADDRESS_ATTRIBUTES

    def all(self) -> list[dict[str, Any]]:
        return [self.render(a) for a in self.attributes]

    def custom(self) -> list[dict[str, Any]]:
        """getCustomAttributesMetadata: attributes that are not CustomerInterface/AddressInterface getters
        and are user attributes (or listed systemAttributes); a clean install has none."""
        return []

    def get(self, code: str) -> dict[str, Any]:
        for attribute in self.attributes:
            if attribute.code == code:
                return self.render(attribute)
        raise NoSuchEntityError("No such entity with %fieldName = %fieldValue, %field2Name = %field2Value",
                                {"fieldName": "entityType", "fieldValue": self.entity_type,
                                 "field2Name": "attributeCode", "field2Value": code})

    def form(self, form_code: str) -> list[dict[str, Any]]:
        """getAttributes: the form's attributes by sort_order (Form\\Attribute\\Collection::setSortOrder,
        system ones first); an unknown or empty form is NoSuchEntityException::singleField('formCode')."""
        chosen = sorted((a for a in self.attributes if form_code in a.forms), key=lambda a: a.sort_order)
        if not chosen:
            raise NoSuchEntityError("No such entity with %fieldName = %fieldValue",
                                    {"fieldName": "formCode", "fieldValue": form_code})
        return [self.render(a) for a in chosen]

    def render(self, a: Attribute) -> dict[str, Any]:
        """AttributeMetadataConverter::createMetadataAttribute, keys in AttributeMetadataInterface order;
        rule values are strings (ValidationRuleInterface::getValue), grid flags booleans."""
        used, visible, filterable, searchable = a.grid
        return {"frontend_input": a.input, "input_filter": a.input_filter, "store_label": a.label,
                "validation_rules": [{"name": k, "value": str(v)} for k, v in a.rules],
                "multiline_count": a.multiline_count, "visible": a.visible, "required": a.required,
                "data_model": a.data_model, "options": self.options(a), "frontend_class": frontend_class(a),
                "user_defined": False, "sort_order": a.sort_order, "frontend_label": a.label, "note": "",
                "system": a.system, "backend_type": "static", "is_used_in_grid": used,
                "is_visible_in_grid": visible, "is_filterable_in_grid": filterable,
                "is_searchable_in_grid": searchable, "attribute_code": a.code}

    def options(self, a: Attribute) -> list[dict[str, Any]]:
        stores = self.stores
        if a.source == "gender":
            return [{"label": label, "value": value} for label, value in GENDERS]
        if a.source == "websites":  # Customer\Attribute\Source\Website: no empty option
            return [{"label": w["name"], "value": str(w["website_id"])} for w in stores.websites(with_admin=False)]
        if a.source == "groups":  # Source\Group: GroupManagement::getLoggedInGroups
            rows = self.db.query("SELECT group_id, code FROM customer_group WHERE group_id > 0"
                                 " ORDER BY group_id")
            return [{"label": r["code"], "value": str(r["group_id"])} for r in rows]
        if a.source == "stores":
            return store_values_for_form(stores)
        if a.source == "countries":
            return country_options()
        return []  # region_id lists Directory's regions, which the emulator has none of


def store_values_for_form(stores: StoreRepository) -> list[dict[str, Any]]:
    """Store/Model/System/Store::getStoreValuesForForm: a website (value [] becomes options []), then
    each group with its views as nested options."""
    options: list[dict[str, Any]] = []
    for website in stores.websites(with_admin=False):
        shown = False
        for group in stores.groups(with_admin=False):
            if group["website_id"] != website["website_id"]:
                continue
            views = [{"label": NBSP4 + s["name"], "value": str(s["store_id"])}
                     for s in stores.stores(with_admin=False) if s["group_id"] == group["group_id"]]
            if views and not shown:
                options.append({"label": website["name"], "options": []})
                shown = True
            if views:
                options.append({"label": NBSP4 + group["name"], "options": views})
    return options


def country_options() -> list[dict[str, Any]]:
    """Directory Country Collection::toOptionArray: ' ' first, then by name. The names and codes come from
    Faker's country table (about 195 of Directory's 245 ISO countries)."""
    from faker.providers.date_time import Provider

    countries = sorted(((c.name, c.alpha_2_code) for c in Provider.countries), key=lambda c: c[0])
    return [{"label": " ", "value": ""}] + [{"label": name, "value": code} for name, code in countries]
