"""The Annals benchmark: a synthetic corpus generator and the harness that times its builds."""
