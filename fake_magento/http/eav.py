"""Product attribute sets, attribute search and options (Catalog/etc/webapi.xml)."""
from __future__ import annotations

from typing import Any

from fake_magento.http.request import RestRequest
from fake_magento.http.routing import Routes
from fake_magento.search import parse_search_criteria

routes = Routes()
SETS = "Magento_Catalog::sets"
ATTRIBUTES = "Magento_Catalog::attributes_attributes"


@routes.get("/V1/products/attribute-sets/sets/list", SETS)
def set_list(req: RestRequest) -> Any:
    return req.backend.catalog.eav.attribute_sets(parse_search_criteria(req.query))


@routes.get("/V1/products/attribute-sets/:attributeSetId", SETS)
def set_get(req: RestRequest) -> Any:
    return req.backend.catalog.eav.attribute_set(req.arg("attributeSetId"))


@routes.get("/V1/products/attribute-sets/:attributeSetId/attributes", SETS)
def set_attributes(req: RestRequest) -> Any:
    # attributeSetId is a string here (ProductAttributeManagementInterface::getAttributes)
    return req.backend.catalog.eav.set_attributes(req.params["attributeSetId"])


@routes.get("/V1/products/attribute-sets/groups/list", SETS)
def group_list(req: RestRequest) -> Any:
    return req.backend.catalog.attribute_sets.group_list(parse_search_criteria(req.query))


@routes.post("/V1/products/attribute-sets/attributes", SETS)
def assign_attribute(req: RestRequest) -> Any:
    """ProductAttributeManagementInterface::assign(int, int, string, int), all required: converted and
    checked by ServiceInputProcessor (a type error first, then the missing ones together)."""
    return req.backend.catalog.attribute_sets.assign(
        req.require("attributeSetId"), req.require("attributeGroupId"), req.require("attributeCode"),
        req.require("sortOrder"))


@routes.delete("/V1/products/attribute-sets/:attributeSetId/attributes/:attributeCode", SETS)
def unassign_attribute(req: RestRequest) -> Any:
    # both are strings here (ProductAttributeManagementInterface::unassign)
    return req.backend.catalog.attribute_sets.unassign(req.params["attributeSetId"],
                                                               req.params["attributeCode"])


@routes.get("/V1/products/attributes", ATTRIBUTES)
def attribute_list(req: RestRequest) -> Any:
    return req.backend.catalog.eav.attributes(parse_search_criteria(req.query))


@routes.post("/V1/products/attributes/:attributeCode/options", ATTRIBUTES)
def option_add(req: RestRequest) -> Any:
    return req.backend.catalog.eav.add_option(req.params["attributeCode"], req.require("option"))


@routes.delete("/V1/products/attributes/:attributeCode/options/:optionId", ATTRIBUTES)
def option_delete(req: RestRequest) -> Any:
    return req.backend.catalog.eav.delete_option(req.params["attributeCode"], req.params["optionId"])
