"""Integrations composed from resources: customer profile, incremental pulls, fulfilment writes."""
