# Generates models/ics-default.json: hourly profiles are normalised here so they sum to 100.
# Usage: python3 models/tools/generate-ics-default.py [unused] [output path]
import json, sys
def norm(v):
    s=sum(v); r=[round(100*x/s,2) for x in v]; r[-1]=round(r[-1]+100-sum(r),2); return r
ed_hour = norm([2.4,1.9,1.6,1.4,1.3,1.3,1.6,2.3,3.8,5.4,6.3,6.5,6.3,6.1,6.0,5.9,5.8,5.8,5.6,5.3,4.9,4.3,3.6,3.0])
amb_hour = norm([3.4,3.0,2.7,2.5,2.4,2.4,2.7,3.2,4.0,4.6,5.0,5.2,5.2,5.1,5.0,5.0,5.0,5.0,4.9,4.8,4.6,4.3,4.0,3.8])
gp_hour = norm([0.5,0.3,0.3,0.3,0.3,0.5,1,3,6,9,11,11,10,9,8.5,8,7,5,3.5,2.5,1.5,1,0.8,0.6])
ed_dow = [1.10,1.02,0.99,0.98,0.99,0.96,0.96]
gp_dow = [1.15,1.1,1.08,1.07,1.1,0.3,0.2]
winter = [1.08,1.06,1.01,0.98,0.97,0.96,0.97,0.95,0.98,1.0,1.01,1.05]
P = float(sys.argv[1]) if len(sys.argv)>1 else 1.0
def arr(route,to,rate,hour=None,dow=None,month=True):
    a={"route":route,"to":to,"ratePerDay":round(rate,2)}
    if hour: a["hourOfDayPct"]=hour
    if dow: a["dayOfWeekMultiplier"]=dow
    if month: a["monthMultiplier"]=winter
    return a
m = {
 "$schema":"./schema.json",
 "name":"ics-default",
 "description":"A synthetic integrated care system of about one million people, built from national per-capita figures (see models/README.md for every figure and its source). Run untouched it behaves like a pressured English system: G&A beds in the low-to-mid 90s, type-1 4-hour performance well below 95%, real handover delays, delayed discharges and a home-care waiting list.",
 "acuityBands":["1 minor","2 low","3 moderate","4 high","5 critical"],
 "run":{"days":365,"warmupDays":730,"replications":10,"seed":20261122,"startDayOfWeek":"Mon","startMonth":"Apr"},
 "segments":{
  "children":{"description":"Age 0-17, about 210,000 people.","acuityPct":[30,38,24,7,1],
     "arrivals":[arr("999","ambulance",22,amb_hour), arr("walk-in","ed",150,ed_hour,ed_dow)]},
  "adults":{"description":"Age 18-64, about 600,000 people.","acuityPct":[18,34,30,14,4],
     "arrivals":[arr("999","ambulance",160,amb_hour), arr("walk-in","ed",335,ed_hour,ed_dow), arr("referral","acute",22,gp_hour,gp_dow)]},
  "older-people":{"description":"Age 65 and over living at home, about 183,000 people.","acuityPct":[8,22,34,27,9],
     "arrivals":[arr("999","ambulance",204,amb_hour), arr("walk-in","ed",100,ed_hour,ed_dow), arr("referral","acute",36,gp_hour,gp_dow),
                 arr("referral","homecare",10,gp_hour,gp_dow,False), arr("referral","community",2.5,gp_hour,gp_dow,False)]},
  "care-home":{"description":"Care-home residents, about 7,000 people (0.70 emergency admissions and 0.98 A&E attendances per resident-year).","acuityPct":[5,18,36,30,11],
     "demandMultiplier":1,
     "arrivals":[arr("999","ambulance",24,amb_hour), arr("walk-in","ed",3,ed_hour,ed_dow)]}
 },
 "nodes":{
  "ambulance":{"type":"ambulance","description":"Emergency ambulance fleet; more crews by day than by night.",
    "vehicles":{"calendar":[{"fromHour":0,"value":16},{"fromHour":8,"value":21},{"fromHour":20,"value":18}]},
    "categoryByAcuity":["C4","C3","C2","C2","C1"],
    "hearAndTreatPct":{"C1":0,"C2":6,"C3":30,"C4":55},
    "seeAndTreatPct":{"C1":15,"C2":36,"C3":52,"C4":60},
    "travelToSceneMin":{"type":"lognormal","mean":11,"sd":7},
    "onSceneMin":{"type":"lognormal","mean":42,"sd":20},
    "travelToHospitalMin":{"type":"lognormal","mean":18,"sd":9},
    "handoverMin":{"type":"lognormal","mean":15,"sd":6},
    "clearMin":{"type":"lognormal","mean":14,"sd":7},
    "abandonment":{"afterMin":{"C1":None,"C2":None,"C3":240,"C4":360},"toEdPct":60},
    "handoverCapMin":45,
    "to":"ed"},
  "ed":{"type":"ed","description":"Type-1 emergency department: cubicles (majors, resus, minors) with the admission decision and boarding.",
    "cubicles":96,
    "assessmentMin":{"type":"lognormal","mean":150,"sd":110},
    "assessmentMultiplierByAcuity":[0.6,0.8,1.0,1.25,1.4],
    "admission":{"to":"acute","b0":-4.12,"b1PerAcuityBand":1.05,"b2PerOccupancyPoint":-0.015,"referenceOccupancyPct":92,"pressureIncludesBoarders":True},
    "dischargeTo":"exit"},
  "acute":{"type":"unit","role":"acute","description":"General and acute (G&A) beds.",
    "servers":1750*P if False else 1750,
    "acceptHeld":"server",
    "discipline":"acuity",
    "losMultiplierByAcuity":[0.6,0.8,1.0,1.2,1.4],
    "outcomes":{
      "children":[{"label":"P0","pct":100,"to":"exit","durationDays":{"type":"lognormal","mean":1.84,"sd":2.3}}],
      "adults":[{"label":"P0","pct":93,"to":"exit","durationDays":{"type":"lognormal","mean":4.14,"sd":5.75}},
                {"label":"P1","pct":6,"to":"homecare","durationDays":{"type":"lognormal","mean":6.32,"sd":7.47}},
                {"label":"P2","pct":1,"to":"community","durationDays":{"type":"lognormal","mean":8.05,"sd":9.2}}],
      "older-people":[{"label":"P0","pct":68,"to":"exit","durationDays":{"type":"lognormal","mean":5.75,"sd":6.9}},
                {"label":"P1","pct":25,"to":"homecare","durationDays":{"type":"lognormal","mean":8.62,"sd":9.2}},
                {"label":"P2","pct":5.5,"to":"community","durationDays":{"type":"lognormal","mean":9.77,"sd":9.77}},
                {"label":"P3","pct":1.5,"to":"carehome","durationDays":{"type":"lognormal","mean":10.35,"sd":10.35}}],
      "care-home":[{"label":"P0","pct":97,"to":"exit","durationDays":{"type":"lognormal","mean":7.47,"sd":8.05}},
                {"label":"P3","pct":3,"to":"carehome","durationDays":{"type":"lognormal","mean":9.2,"sd":9.2}}]
    }},
  "community":{"type":"unit","role":"community","description":"Community rehabilitation and intermediate-care beds.",
    "servers":300,
    "acceptHeld":"server",
    "outcomes":{"*":[{"label":"home","pct":45,"to":"exit"},{"label":"home with care","pct":48,"to":"homecare"},{"label":"care home","pct":7,"to":"carehome"}]},
    "durationDays":{"type":"lognormal","mean":26,"sd":16}},
  "homecare":{"type":"homecare","description":"Domiciliary care: reablement for about six weeks, then long-term packages for some.",
    "paidHoursPerWeek":41000,"deliveredPerPaidHour":0.8,
    "packageHoursPerWeek":{"type":"gamma","mean":8,"sd":4.5},
    "reablementWeeks":{"type":"gamma","mean":6,"sd":1.5},
    "noLongerNeedPct":60,
    "longTermWeeks":{"type":"gamma","mean":16,"sd":8},
    "longTermHoursMultiplier":1.0,
    "priority":"fifo","allocation":"strict",
    "deterioration":{"afterWeeks":{"type":"exponential","mean":2},"to":"ambulance","acuityIncrease":1}},
  "carehome":{"type":"placement","description":"New care-home placements (discharge pathway 3).",
    "delayDays":{"type":"lognormal","mean":12,"sd":9}}
 },
 "scenarios":{
  "baseline":{"description":"The system as modelled.","changes":[]},
  "frailty-service":{"description":"Enhanced support in care homes (Rushcliffe evaluation): 29% fewer ED attendances and 23% fewer emergency admissions among care-home residents. Avoidance falls mostly on lower-acuity attendances, so admissions fall less than attendances.",
     "changes":[{"path":"segments.care-home.demandMultiplierByAcuity","set":[0.55,0.6,0.7,0.78,0.86],"why":"Attendances -29% overall; lower-acuity attendances are the most avoidable, so admissions fall about 23%."}]},
  "homecare-plus-900h":{"description":"900 more delivered home-care hours a week (e.g. released by digital scheduling).",
     "changes":[{"path":"nodes.homecare.paidHoursPerWeek","set":42125,"why":"+900 delivered hours a week at 0.8 delivered per paid hour = +1,125 paid hours."}]},
  "no-drift":{"description":"Ring-fenced capacity: admission thresholds do not move with bed pressure.",
     "changes":[{"path":"nodes.ed.admission.b2PerOccupancyPoint","set":0,"why":"b2 = 0 switches acuity drift off."}]},
  "frailty-service-no-drift":{"description":"The frailty service with admission thresholds held fixed, compared with no-drift: absorption by drift must then be exactly zero.",
     "compareWith":"no-drift",
     "changes":[{"path":"segments.care-home.demandMultiplierByAcuity","set":[0.55,0.6,0.7,0.78,0.86],"why":"As frailty-service."},
                {"path":"nodes.ed.admission.b2PerOccupancyPoint","set":0,"why":"As no-drift."}]}
 }
}
json.dump(m, open(sys.argv[2] if len(sys.argv)>2 else __import__("os").path.join(__import__("os").path.dirname(__file__), "..", "ics-default.json"),"w"), indent=2)
