"""Resources per area: each one knows its Magento routes and nothing else."""
