"""Survey views: public survey pages (``public``) and the unit's survey screens (``manage``)."""
