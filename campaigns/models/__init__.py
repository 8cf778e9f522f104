from .units import REFORM_DATE, Cluster, Unit, UnitSuccession, in_force_q

__all__ = ["REFORM_DATE", "Cluster", "Unit", "UnitSuccession", "in_force_q"]
