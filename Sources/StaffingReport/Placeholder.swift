import Staffing
